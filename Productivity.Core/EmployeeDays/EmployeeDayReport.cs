using Productivity.Core.Scoring;

namespace Productivity.Core.EmployeeDays;

/// <summary>
/// Everything about one employee's business day: the inputs (sessions, windows), the stored score, and the same day
/// recomputed in memory by the <see cref="ScoreCalculator"/> so that every idle minute can be traced to a gap and a rule.
/// Instants are UTC.
/// </summary>
public sealed record EmployeeDayReport
{
    public required int EmployeeId { get; init; }
    public required string EmployeeName { get; init; }
    public required DateOnly Day { get; init; }

    /// <summary>The nearest earlier day with a score, else the calendar day before.</summary>
    public required DateOnly PreviousDay { get; init; }

    /// <summary>The nearest later day with a score, else the calendar day after; null when that would be in the future.</summary>
    public required DateOnly? NextDay { get; init; }

    /// <summary>The sessions whose clock-in falls on the day, ordered by clock-in.</summary>
    public required IReadOnlyList<ClockSession> Sessions { get; init; }

    /// <summary>The windows that belong to the day (clocked by its sessions, or unclocked and starting on it), ordered by start.</summary>
    public required IReadOnlyList<ActivityWindow> Windows { get; init; }

    /// <summary>The stored score row, or null when the day has not been scored.</summary>
    public required DailyScore? StoredScore { get; init; }

    /// <summary>The day recomputed now with the current rules; null when the day has no session and no window.</summary>
    public required EmployeeDayScore? Recomputed { get; init; }

    /// <summary>The score to show: the stored row, else the recomputed day as a row (not stored yet); null when neither exists.</summary>
    public required DailyScore? Score { get; init; }

    /// <summary>Stored, but its items, minutes or points differ from the recompute: the inputs changed since it was stored.</summary>
    public required bool IsStale { get; init; }

    /// <summary>Per action: windows, items, standard minutes and points.</summary>
    public required IReadOnlyList<ActionTotals> Actions { get; init; }

    /// <summary>The roles the day was recomputed with (to explain each threshold).</summary>
    public required IReadOnlyList<RoleDefinition> Roles { get; init; }

    /// <summary>The parameters the day was recomputed with (allowances and floors).</summary>
    public required ScoringParameters Parameters { get; init; }

    /// <summary>The 90 days ending with <see cref="Day"/>, oldest first: the employee against the team median.</summary>
    public required IReadOnlyList<TrendDay> Trend { get; init; }

    /// <summary>The "now" of the recompute.</summary>
    public required DateTime ComputedUtc { get; init; }
}
