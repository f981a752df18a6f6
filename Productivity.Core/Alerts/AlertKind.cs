namespace Productivity.Core.Alerts;

/// <summary>
/// What an alert is about; one rule (<see cref="AlertRule"/>) per kind. Stored by name, so never rename a member.
/// </summary>
public enum AlertKind
{
    /// <summary>Clocked in, not on a break, no window for longer than the role's idle threshold × factor (at least a minimum).</summary>
    IdleNow,

    /// <summary>An open clock session longer than N hours.</summary>
    ForgottenClockOut,

    /// <summary>Items today that no clock session covers (the day's stored unclocked items).</summary>
    UnclockedProduction,

    /// <summary>A PodFactory e-mail no verified mapping covers, with rows today.</summary>
    UnmappedEmail,

    /// <summary>No new PodFactory row for N minutes while at least M people are clocked in: the feed may be down.</summary>
    StaleFeed,

    /// <summary>A sync job whose last K runs all failed.</summary>
    SyncFailing,

    /// <summary>A person's performance today under X % after at least Y active minutes.</summary>
    LowPerformance,
}
