using Productivity.Core.Security;

namespace Productivity.Core.Alerts;

/// <summary>The range a threshold may take; whole numbers only where it counts things (runs, people).</summary>
public sealed record ThresholdLimit(double Min, double Max, double Default, bool WholeNumber = false)
{
    public bool Allows(double value) =>
        double.IsFinite(value) && value >= Min && value <= Max && (!WholeNumber || value == Math.Floor(value));
}

/// <summary>What each kind's thresholds may be: null where the kind has none.</summary>
public sealed record AlertRuleLimits(ThresholdLimit? Threshold, ThresholdLimit? SecondThreshold);

/// <summary>
/// The seeded rules (issue 15): idle the role's threshold × 3 but at least 30 minutes, forgotten clock-out 12 hours,
/// low performance off. Every rule starts without quiet hours.
/// </summary>
public static class AlertRuleDefaults
{
    public static readonly DateTime SeededUtc = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The thresholds of each kind. Forgotten clock-out stops at 48 h: the evaluation reads the sessions of three days.</summary>
    public static IReadOnlyDictionary<AlertKind, AlertRuleLimits> Limits { get; } = new Dictionary<AlertKind, AlertRuleLimits>
    {
        [AlertKind.IdleNow] = new(new(1, 20, 3), new(1, 480, 30)),
        [AlertKind.ForgottenClockOut] = new(new(1, 48, 12), null),
        [AlertKind.UnclockedProduction] = new(null, null),
        [AlertKind.UnmappedEmail] = new(null, null),
        [AlertKind.StaleFeed] = new(new(5, 1440, 30), new(1, 100_000, 5, WholeNumber: true)),
        [AlertKind.SyncFailing] = new(new(1, 100, 3, WholeNumber: true), null),
        [AlertKind.LowPerformance] = new(new(1, 200, 70), new(1, 1440, 60)),
    };

    /// <summary>One fresh rule per kind, with the defaults.</summary>
    public static IReadOnlyList<AlertRule> All => Enum.GetValues<AlertKind>().Select(For).ToList();

    public static AlertRule For(AlertKind kind)
    {
        var limits = Limits[kind];
        return new AlertRule
        {
            Kind = kind,
            IsEnabled = kind != AlertKind.LowPerformance,
            Threshold = limits.Threshold?.Default ?? 0,
            SecondThreshold = limits.SecondThreshold?.Default,
            NotifyRoles = AlertRoles.Format(kind switch
            {
                // About people on the floor: the leads who run it.
                AlertKind.IdleNow or AlertKind.ForgottenClockOut or AlertKind.LowPerformance => Roles.All,
                AlertKind.UnclockedProduction => [Roles.Admin, Roles.Manager],
                // Mappings and syncs are Admin screens.
                _ => [Roles.Admin],
            }),
            UpdatedUtc = SeededUtc,
        };
    }
}
