using System.Security.Claims;
using Productivity.Core.Integrations;
using Productivity.Core.Sync;
using Productivity.Infrastructure.Security;

namespace Productivity.Infrastructure.Sync;

/// <summary>Admin → Sync: each job's last run and next firing, "Run now", and the run history with details. Admin only.</summary>
public interface ISyncAdministration
{
    Task<SyncOverview> JobsAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Fires the job on the scheduler (it runs in the background, once in a cluster), or, when this node has no
    /// schedules, runs it here to the end. An unknown job is refused (<see cref="AdminRefusal.UnknownJob"/>).
    /// </summary>
    Task<RunNowResult> RunNowAsync(ClaimsPrincipal actor, string jobKey, CancellationToken cancellationToken = default);

    Task<SyncRunPage> HistoryAsync(ClaimsPrincipal actor, SyncRunQuery query, CancellationToken cancellationToken = default);

    /// <summary>One run with its details (warnings, rejected rows, removed shifts, per-day report); an unknown id is refused.</summary>
    Task<SyncRunDetails> RunDetailsAsync(ClaimsPrincipal actor, long runId, CancellationToken cancellationToken = default);
}

/// <param name="SchedulesOn">False when <c>Jobs:Enabled=false</c> on this node: nothing fires here.</param>
public sealed record SyncOverview(bool SchedulesOn, IReadOnlyList<JobStatus> Jobs);

/// <param name="JobKey">The Quartz job key (the job's class name).</param>
/// <param name="SyncJob">The job's name in <c>sync_runs</c>; null for a job that records no runs.</param>
/// <param name="Schedule">How often it fires; null when not scheduled.</param>
/// <param name="LastFiredUtc">The scheduler's previous firing (for jobs that record no runs).</param>
/// <param name="LastPolledUtc">
/// A polling job's last successful read of its source (<see cref="SyncPoll"/>): newer than its last run when the
/// polls since found nothing, which are not recorded as runs.
/// </param>
public sealed record JobStatus(
    string JobKey,
    string? SyncJob,
    JobTiming? Schedule,
    SyncRun? LastRun,
    DateTime? LastFiredUtc,
    DateTime? NextFireUtc,
    DateTime? LastPolledUtc);

/// <summary>A job's schedule: a repeat interval, or a cron expression in a time zone (neither for another kind of trigger).</summary>
public sealed record JobTiming(TimeSpan? Every, string? Cron, string? TimeZoneId);

/// <summary>What "Run now" did.</summary>
/// <param name="Started">Fired on the scheduler: it runs in the background and its run appears in the history when it ends.</param>
/// <param name="Run">The run this node did to the end; null when started on the scheduler, or for a job that records no runs.</param>
/// <param name="Failed">The run here failed (<see cref="SyncRun.Error"/> says why).</param>
/// <param name="Rescored">The employee-days with open shifts a rescoring run here recomputed.</param>
public sealed record RunNowResult(string JobKey, bool Started, SyncRun? Run, bool Failed, int? Rescored);

/// <param name="After">
/// Keyset paging (the read API): only runs after this one in the history's order (newest first), and <paramref name="Page"/>
/// is ignored. Rows added at the top while a client pages cannot shift what it has not read yet.
/// </param>
public sealed record SyncRunQuery(string? Job, int Page, int PageSize, SyncRunKey? After = null);

/// <summary>A run's place in the history's order: start time, then id, both descending.</summary>
public sealed record SyncRunKey(DateTime StartedUtc, long Id);

public sealed record SyncRunPage(IReadOnlyList<SyncRun> Items, int TotalCount);

public sealed record SyncRunDetails(
    SyncRun Run,
    int Unchanged,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<RejectedRow> Rejected,
    IReadOnlyList<SyncDayReport> Days,
    IReadOnlyList<SyncRemovedShift> Removed);

/// <summary>One day of a reconciliation report: shifts in the source and what the run added, changed and removed.</summary>
public sealed record SyncDayReport(DateOnly Day, int Shifts, int Added, int Changed, int Removed);

/// <summary>A shift a run removed because Connecteam no longer has it.</summary>
/// <param name="EmployeeName">Null when the employee no longer exists.</param>
public sealed record SyncRemovedShift(DateOnly Day, int EmployeeId, string? EmployeeName, long ClockId, string ShiftId);
