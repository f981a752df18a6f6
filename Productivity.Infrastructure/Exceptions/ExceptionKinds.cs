using Productivity.Core.Scoring;

namespace Productivity.Infrastructure.Exceptions;

/// <summary>
/// The kinds of the exceptions list: every <see cref="DataQualityIssue"/> plus unmapped PodFactory e-mails. Their labels
/// are Productivity.Web's.
/// </summary>
public static class ExceptionKinds
{
    public const string UnmappedEmail = "UnmappedEmail";

    public static IReadOnlyList<string> All { get; } = [.. Enum.GetNames<DataQualityIssue>(), UnmappedEmail];
}
