namespace Productivity.Core.Alerts;

/// <summary>
/// The settings of one alert kind, editable data (one row per kind, seeded from <see cref="AlertRuleDefaults"/>). What
/// <see cref="Threshold"/> and <see cref="SecondThreshold"/> mean depends on the kind (<see cref="AlertRuleDefaults.Limits"/>).
/// </summary>
public sealed class AlertRule
{
    public AlertKind Kind { get; set; }
    public bool IsEnabled { get; set; }

    /// <summary>
    /// Idle now: factor on the role's idle threshold. Forgotten clock-out: hours. Stale feed: minutes without a new row.
    /// Sync failing: failed runs in a row. Low performance: percent. Unused (0) by the kinds without a threshold.
    /// </summary>
    public double Threshold { get; set; }

    /// <summary>Idle now: the minimum in minutes. Stale feed: people clocked in. Low performance: active minutes. Else null.</summary>
    public double? SecondThreshold { get; set; }

    /// <summary>The application roles told (<see cref="Security.Roles"/>), comma-separated in a fixed order; empty tells nobody.</summary>
    public string NotifyRoles { get; set; } = "";

    /// <summary>Start of the quiet hours, site-local; null with <see cref="QuietUntil"/> when the rule has none.</summary>
    public TimeOnly? QuietFrom { get; set; }

    /// <summary>End (exclusive) of the quiet hours, site-local; before <see cref="QuietFrom"/> when they span midnight.</summary>
    public TimeOnly? QuietUntil { get; set; }

    public DateTime UpdatedUtc { get; set; }

    /// <summary>The roles told, parsed from <see cref="NotifyRoles"/>.</summary>
    public IReadOnlyList<string> RolesTold => AlertRoles.Parse(NotifyRoles);

    /// <summary>Whether <paramref name="siteLocalTime"/> falls in the quiet hours: [from, until), wrapping past midnight.</summary>
    public bool IsQuietAt(TimeOnly siteLocalTime) =>
        QuietFrom is { } from && QuietUntil is { } until && from != until && siteLocalTime.IsBetween(from, until);

    public AlertRule Copy() => (AlertRule)MemberwiseClone();
}
