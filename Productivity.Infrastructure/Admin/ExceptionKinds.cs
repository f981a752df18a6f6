using Productivity.Core.Scoring;

namespace Productivity.Infrastructure.Admin;

/// <summary>The kinds of the exceptions list: every <see cref="DataQualityIssue"/> plus unmapped PodFactory e-mails.</summary>
public static class ExceptionKinds
{
    public const string UnmappedEmail = "UnmappedEmail";

    public static IReadOnlyList<string> All { get; } = [.. Enum.GetNames<DataQualityIssue>(), UnmappedEmail];

    public static string Describe(string kind) => kind switch
    {
        nameof(DataQualityIssue.ProductionOutsideSession) => "Production outside a clock session",
        nameof(DataQualityIssue.OpenShiftCapped) => "Open shift capped (forgotten clock-out?)",
        nameof(DataQualityIssue.UnknownAction) => "Action with no role",
        nameof(DataQualityIssue.ShiftWithoutProduction) => "Clocked in without production",
        UnmappedEmail => "Unmapped PodFactory e-mail",
        _ => kind,
    };
}
