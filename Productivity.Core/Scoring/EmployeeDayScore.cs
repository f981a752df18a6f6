namespace Productivity.Core.Scoring;

/// <summary>
/// The score of one employee for one business day (scoring.md, "Daily score of one employee"). Every field is
/// derived from unrounded values; minutes and points are rounded half away from zero to 2 decimals, ratios to 4.
/// </summary>
public sealed record EmployeeDayScore
{
    /// <summary>Site-local date: of clock-in for a session and its windows, of window start for an unclocked window.</summary>
    public required DateOnly BusinessDay { get; init; }

    /// <summary>Σ items of all windows of the day, clocked and unclocked.</summary>
    public required int Items { get; init; }

    /// <summary>Σ items × points-per-item of each window's role (unknown actions earn 0).</summary>
    public required double Points { get; init; }

    /// <summary>Σ paid minutes of the day's sessions.</summary>
    public required double ClockedMinutes { get; init; }

    /// <summary>
    /// Clocked minutes plus the minutes of the day's manual breaks that Connecteam marks paid, clipped to their sessions:
    /// what labour cost is paid for (README, "Labour cost"). Not a scoring field; scoring treats every break as unpaid.
    /// </summary>
    public required double PaidMinutes { get; init; }

    /// <summary>Σ active minutes of the day's sessions: clamp(clocked − idle, 0, clocked) per session.</summary>
    public required double ActiveMinutes { get; init; }

    /// <summary>Clocked − active, in minutes.</summary>
    public required double IdleMinutes { get; init; }

    /// <summary>Active / clocked, a ratio in [0, 1]; 0 when nothing is clocked.</summary>
    public required double Utilization { get; init; }

    /// <summary>Σ over clocked windows of items × 60 / expected per hour, in minutes (unknown actions give 0).</summary>
    public required double StandardMinutes { get; init; }

    /// <summary>Standard / active minutes (may exceed 1); null when there is no active time.</summary>
    public required double? Performance { get; init; }

    /// <summary>
    /// The role with most items that day over all windows (ties: role name ascending, ordinal); unknown actions have
    /// no role and are never primary, so a day with only unknown actions (or no windows) has none.
    /// </summary>
    public required string? PrimaryRole { get; init; }

    /// <summary>Items of windows outside any session.</summary>
    public required int UnclockedItems { get; init; }

    /// <summary>Number of windows outside any session.</summary>
    public required int UnclockedWindows { get; init; }

    /// <summary>Number of sessions that belong to the day.</summary>
    public required int Sessions { get; init; }

    /// <summary>Number of the day's open shifts that reached the open-shift cap.</summary>
    public required int OpenCapped { get; init; }

    /// <summary>Gaps with positive excess, in session order then time order.</summary>
    public required IReadOnlyList<IdlePeriod> IdlePeriods { get; init; }

    /// <summary>Data-quality findings, ordered by issue, start and subject.</summary>
    public required IReadOnlyList<DataQualityFlag> Flags { get; init; }
}
