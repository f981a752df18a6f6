using Microsoft.Extensions.Options;
using Productivity.Infrastructure.Configuration;

namespace Productivity.Web.Security;

/// <summary>How often an open circuit re-checks its user (security stamp) or display (not revoked).</summary>
public sealed class RevalidationOptions
{
    public const string SectionName = "Security";

    /// <summary><c>Security:RevalidationSeconds</c>, default 60. Tests shorten it.</summary>
    [SettingRange($"{SectionName}:{nameof(RevalidationSeconds)}", 1, 86_400)]
    public int RevalidationSeconds { get; set; } = 60;

    public TimeSpan Interval => TimeSpan.FromSeconds(RevalidationSeconds);
}

[OptionsValidator]
public sealed partial class RevalidationOptionsValidator : IValidateOptions<RevalidationOptions>;
