using Productivity.Core.Scoring;

namespace Productivity.Core.Alerts;

/// <summary>
/// The stored facts one evaluation reads, as of <see cref="NowUtc"/>. Loaded once per evaluation; the rules are pure
/// functions of it (<see cref="AlertEvaluator"/>).
/// </summary>
public sealed record AlertSnapshot
{
    public required DateTime NowUtc { get; init; }

    /// <summary>The site-local business day of <see cref="NowUtc"/>.</summary>
    public required DateOnly Today { get; init; }

    /// <summary>The site-local time of <see cref="NowUtc"/> (quiet hours).</summary>
    public required TimeOnly SiteLocalTime { get; init; }

    /// <summary>
    /// Null for a full evaluation; else the employees a recompute just changed: only their person rules are evaluated
    /// (and only their open alerts may close).
    /// </summary>
    public IReadOnlySet<int>? EmployeeScope { get; init; }

    public required RoleTable Roles { get; init; }
    public required ScoringParameters Parameters { get; init; }

    /// <summary>Everyone clocked in now (open session within the open-shift cap), on a break or not.</summary>
    public IReadOnlyList<ClockedInFact> ClockedIn { get; init; } = [];

    /// <summary>Every open session of the last days, capped or not (forgotten clock-outs).</summary>
    public IReadOnlyList<OpenSessionFact> OpenSessions { get; init; } = [];

    /// <summary>Today's stored scores of the employees in scope.</summary>
    public IReadOnlyList<DayScoreFact> TodayScores { get; init; } = [];

    /// <summary>E-mails no verified mapping covers, with their rows of today (full evaluations only).</summary>
    public IReadOnlyList<UnmappedEmailFact> UnmappedEmails { get; init; } = [];

    /// <summary>The newest stored PodFactory row (its source's creation time); null when none is stored.</summary>
    public DateTime? LatestRowUtc { get; init; }

    /// <summary>The last runs of each sync job, newest first (full evaluations only).</summary>
    public IReadOnlyList<SyncJobFact> SyncJobs { get; init; } = [];
}

/// <summary>A person clocked in now.</summary>
/// <param name="SessionId">The session's id (its first shift's).</param>
/// <param name="SessionDay">The session's business day.</param>
/// <param name="ClockInUtc">The current shift's clock-in: the person came back from a break then (the session's start otherwise).</param>
/// <param name="OnBreak">On a manual break now: clocked in, never idle.</param>
/// <param name="LastWindow">The person's latest window that ended after <paramref name="ClockInUtc"/>; null when none yet.</param>
public sealed record ClockedInFact(int EmployeeId, long SessionId, DateOnly SessionDay, DateTime ClockInUtc, bool OnBreak, LastWindowFact? LastWindow);

/// <summary>A window as the idle rule reads it: when it ended, and the action and items that decide its threshold.</summary>
public sealed record LastWindowFact(DateTime EndUtc, string Action, int Items);

/// <summary>An open session (no clock-out yet): since when.</summary>
public sealed record OpenSessionFact(int EmployeeId, long SessionId, DateOnly SessionDay, DateTime ClockInUtc);

public sealed record DayScoreFact(int EmployeeId, DateOnly Day, double? Performance, double ActiveMinutes, int UnclockedItems, int UnclockedWindows);

public sealed record UnmappedEmailFact(string Email, int RowsToday, int ItemsToday, DateTime FirstWindowUtc);

/// <summary>A sync job's latest finished runs as the rule reads them.</summary>
/// <param name="ConsecutiveFailures">How many of its latest finished runs failed in a row (counted up to the rule's K).</param>
/// <param name="FirstFailureUtc">When the oldest of those failed runs started; null when the latest did not fail.</param>
public sealed record SyncJobFact(string Job, int ConsecutiveFailures, DateTime? FirstFailureUtc);
