using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Productivity.Core.Sync;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Telemetry;

namespace Productivity.Infrastructure.Sync;

/// <summary>
/// Records every sync run in <c>sync_runs</c> (job, start, end, status, counts, rejected rows, error), except a
/// scheduled poll that found nothing (<see cref="FinishAsync"/>); <see cref="SyncPipeline"/> opens and closes the record
/// around each run. The record is written through its own context so a failing run is still recorded.
/// </summary>
public sealed class SyncRunner(IDbContextFactory<ProductivityDbContext> contextFactory, TimeProvider timeProvider, ILogger<SyncRunner> logger)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>Records kept while the database is unreachable, at most this many (the oldest are dropped first).</summary>
    public const int MaxUnwritten = 1000;

    // Runs that ended while their record could not be written (the database down: the very failure they report).
    // The next run that can write writes them first, oldest first, with their own times and errors.
    private readonly LinkedList<SyncRun> _unwritten = new();

    /// <summary>
    /// Opens the record of a run: a "running" row, so the history shows a long run while it runs. A run of a polling job
    /// (the incremental PodFactory sync, every 10 s) writes nothing yet: see <see cref="FinishAsync"/>.
    /// </summary>
    public async Task<SyncRun> StartAsync(string job, string trigger, bool poll, CancellationToken cancellationToken)
    {
        // Details say which process runs it until FinishAsync replaces them with the outcome (see CloseAbandonedAsync).
        var run = new SyncRun { Job = job, Trigger = trigger, StartedUtc = Now(), Status = SyncRunStatus.Running, Details = RunOwner.CurrentJson };
        if (!poll || Interlocked.Exchange(ref _abandonedChecked, 1) == 0)
        {
            // Every run that opens a record, and this process's first poll: one query, empty in the steady state.
            await CloseAbandonedAsync(cancellationToken);
        }
        if (!poll)
        {
            try
            {
                await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
                db.SyncRuns.Add(run);
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The run goes ahead (it will most likely fail on the same database) and FinishAsync records it.
                logger.LogWarning(ex, "Could not open the record of sync {Job}; it is written when the run ends.", job);
            }
        }
        return run;
    }

    /// <summary>
    /// Records how the run ended. Every successful poll stamps its <see cref="SyncPoll"/>, and a scheduled poll that found
    /// nothing (<see cref="SyncOutcome.FoundNothing"/>) writes no <c>sync_runs</c> row, so the history keeps the runs that
    /// did something. A failure, a poll that found rows and a poll someone asked for (Run now, the command line) are
    /// recorded like any run. A poll's record is written once, here: a poll takes milliseconds, and a "running" row
    /// first would be two more writes per idle poll.
    /// </summary>
    public async Task<SyncRunResult> FinishAsync(SyncRun run, SyncOutcome outcome, Exception? failure, bool poll)
    {
        if (failure is not null)
        {
            logger.LogError(failure, "Sync job {Job} failed.", run.Job);
        }
        run.FinishedUtc = Now();
        run.ItemsRead = outcome.ItemsRead;
        run.Added = outcome.Added;
        run.Updated = outcome.Updated;
        run.Removed = outcome.Removed;
        run.Rejected = outcome.RejectedCount;
        run.ChangedDays = outcome.ChangedDays.Count;
        run.Status = failure is not null ? SyncRunStatus.Failed
            : outcome.RejectedCount > 0 ? SyncRunStatus.SucceededWithRejections
            : SyncRunStatus.Succeeded;
        run.Error = failure is null ? null : Truncate(failure.Message, 4000);
        run.Details = JsonSerializer.Serialize(new
        {
            unchanged = outcome.Unchanged,
            // Bounded by the outcome (SyncOutcome.MaxRemovedKept); SyncRun.Removed is exact.
            removed = outcome.RemovedShifts,
            warnings = outcome.Warnings,
            // Bounded by the outcome (SyncOutcome.MaxRejectedKept rows, each key and reason cut short); the count is exact.
            rejected = outcome.Rejected.Select(r => new { r.Source, r.Key, r.Reason }),
            days = outcome.Days.Select(d => new { day = d.Key.ToString("yyyy-MM-dd"), d.Value.Shifts, d.Value.Added, d.Value.Changed, d.Value.Removed }),
        }, Json);
        ProductivityTelemetry.SyncFinished(run.Job, run.Status.ToString(), run.FinishedUtc.Value - run.StartedUtc,
            run.ItemsRead, run.Added, run.Updated, run.Removed, run.Rejected);
        var record = !poll || failure is not null || !outcome.FoundNothing || run.Trigger != SyncTriggers.Schedule;
        var earlier = TakeUnwritten();
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(CancellationToken.None);
            if (earlier.Count > 0 || record)
            {
                // Update inserts a poll's run (and one whose opening record failed): its key is still unset.
                List<SyncRun> toWrite = record ? [.. earlier, run] : earlier;
                db.SyncRuns.UpdateRange(toWrite);
                await db.SaveChangesAsync(CancellationToken.None);
                if (earlier.Count > 0)
                {
                    logger.LogInformation("Wrote the records of {Count} sync runs that ended while the database was unreachable.", earlier.Count);
                }
            }
            if (poll && failure is null)
            {
                await StampPollAsync(db, run.Job, run.FinishedUtc.Value);
            }
        }
        catch (Exception ex)
        {
            // Most likely the database is down: the record is kept in memory and written by the next run that can.
            // A failed run says so in its result; a run that succeeded but cannot be recorded still fails its caller.
            List<SyncRun> kept = record ? [.. earlier, run] : earlier;
            KeepUnwritten(kept);
            logger.LogError(ex, "Could not record sync {Job}; {Count} records kept until the database is reachable.", run.Job, kept.Count);
            if (failure is null)
            {
                throw;
            }
        }
        // An unrecorded poll is logged at Debug: at Information it would flood the log as it would have the history.
        logger.Log(record ? LogLevel.Information : LogLevel.Debug,
            "Sync {Job} ({Trigger}) {Status}: read {Read}, added {Added}, updated {Updated}, removed {Removed}, rejected {Rejected}, {Days} employee-days changed in {Ms} ms.",
            run.Job, run.Trigger, run.Status, run.ItemsRead, run.Added, run.Updated, run.Removed, run.Rejected, run.ChangedDays,
            (run.FinishedUtc - run.StartedUtc)?.TotalMilliseconds);
        return new SyncRunResult(run, outcome, failure);
    }

    /// <summary>One UPDATE on every poll but a job's first. Two polls of a job rarely meet (the job does not overlap
    /// itself, across the cluster too), but "Run now" on a node without schedules can meet a scheduled one.</summary>
    private static async Task StampPollAsync(ProductivityDbContext db, string job, DateTime polledUtc)
    {
        if (await UpdatePollAsync(db, job, polledUtc) > 0)
        {
            return;
        }
        db.SyncPolls.Add(new SyncPoll { Job = job, PolledUtc = polledUtc, Polls = 1 });
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateException)
        {
            // The other poll inserted the row first.
            db.ChangeTracker.Clear();
            await UpdatePollAsync(db, job, polledUtc);
        }
    }

    private static Task<int> UpdatePollAsync(ProductivityDbContext db, string job, DateTime polledUtc) =>
        db.SyncPolls.Where(p => p.Job == job).ExecuteUpdateAsync(set => set
            .SetProperty(p => p.PolledUtc, polledUtc)
            .SetProperty(p => p.Polls, p => p.Polls + 1), CancellationToken.None);

    private int _abandonedChecked;

    /// <summary>
    /// Closes the "running" records whose process has ended (killed or crashed mid-run, so it never recorded how the run
    /// ended) as Failed with that as their error: every failed run is in the history with its error. Only this machine's
    /// runs can be told dead (their process id is gone, or now belongs to a process started later); another machine's
    /// are left to that machine's next run. What such a run stored stays stored: the next run re-reads past it.
    /// </summary>
    private async Task CloseAbandonedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var running = await db.SyncRuns.Where(r => r.Status == SyncRunStatus.Running).ToListAsync(cancellationToken);
            var abandoned = running.Select(r => (Run: r, Owner: RunOwner.Parse(r.Details)))
                .Where(r => r.Owner?.HasEnded() == true).ToList();
            foreach (var (run, owner) in abandoned)
            {
                run.Status = SyncRunStatus.Failed;
                run.FinishedUtc = Now();
                run.Error = $"The process running it (process {owner!.Pid} on {owner.Host}) ended before the run did; " +
                    "what it stored is kept and the next run reads on from there.";
                logger.LogWarning("Sync run {Id} ({Job}) was left running by process {Pid}, which has ended; recorded as failed.", run.Id, run.Job, owner.Pid);
            }
            if (abandoned.Count > 0)
            {
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Housekeeping never stops a run: the next one tries again.
            logger.LogWarning(ex, "Could not check for sync runs left running by an ended process.");
        }
    }

    /// <summary>The process that runs a sync: machine, process id and the process's start (a recycled id is another process).</summary>
    internal sealed record RunOwner(string Host, int Pid, DateTime ProcessStartedUtc)
    {
        /// <summary>This process, as the details of a run it opens.</summary>
        public static readonly string CurrentJson = JsonSerializer.Serialize(new { owner = Of(Environment.MachineName, Process.GetCurrentProcess()) });

        public static RunOwner Of(string host, Process process) => new(host, process.Id, process.StartTime.ToUniversalTime());

        public static RunOwner? Parse(string? details)
        {
            if (details is null)
            {
                return null;
            }
            try
            {
                using var document = JsonDocument.Parse(details);
                return document.RootElement.TryGetProperty("owner", out var owner) ? owner.Deserialize<RunOwner>() : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        public bool HasEnded()
        {
            if (!string.Equals(Host, Environment.MachineName, StringComparison.Ordinal))
            {
                return false;
            }
            try
            {
                using var process = Process.GetProcessById(Pid);
                return process.HasExited || (process.StartTime.ToUniversalTime() - ProcessStartedUtc).Duration() > TimeSpan.FromSeconds(1);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                return true; // No such process.
            }
        }
    }

    private List<SyncRun> TakeUnwritten()
    {
        lock (_unwritten)
        {
            var runs = _unwritten.ToList();
            _unwritten.Clear();
            return runs;
        }
    }

    private void KeepUnwritten(List<SyncRun> runs)
    {
        lock (_unwritten)
        {
            // Back in front of any kept meanwhile by another run: the history stays in order.
            for (var i = runs.Count - 1; i >= 0; i--)
            {
                _unwritten.AddFirst(runs[i]);
            }
            while (_unwritten.Count > MaxUnwritten)
            {
                _unwritten.RemoveFirst();
            }
        }
    }

    private DateTime Now() => timeProvider.GetUtcNow().UtcDateTime;

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}

public sealed record SyncRunResult(SyncRun Run, SyncOutcome Outcome, Exception? Failure)
{
    public bool Succeeded => Failure is null;

    /// <summary>False for a scheduled poll that found nothing: its run was never written, so it has no id.</summary>
    public bool Recorded => Run.Id != 0;
}
