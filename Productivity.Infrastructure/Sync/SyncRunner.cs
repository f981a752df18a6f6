using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Productivity.Core.Sync;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Infrastructure.Sync;

/// <summary>
/// Records every sync run in <c>sync_runs</c> (job, start, end, status, counts, rejected rows, error). The record is
/// written through its own context so a failing run is still recorded.
/// </summary>
public sealed class SyncRunner(IDbContextFactory<ProductivityDbContext> contextFactory, TimeProvider timeProvider, ILogger<SyncRunner> logger)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public async Task<SyncRunResult> RunAsync(string job, string trigger, Func<SyncOutcome, CancellationToken, Task> work,
        CancellationToken cancellationToken = default)
    {
        var run = new SyncRun { Job = job, Trigger = trigger, StartedUtc = Now(), Status = SyncRunStatus.Running };
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            db.SyncRuns.Add(run);
            await db.SaveChangesAsync(cancellationToken);
        }

        var outcome = new SyncOutcome();
        Exception? failure = null;
        try
        {
            await work(outcome, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            failure = ex;
            logger.LogError(ex, "Sync job {Job} failed.", job);
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
        await using (var db = await contextFactory.CreateDbContextAsync(CancellationToken.None))
        {
            db.SyncRuns.Update(run);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        logger.LogInformation(
            "Sync {Job} ({Trigger}) {Status}: read {Read}, added {Added}, updated {Updated}, removed {Removed}, rejected {Rejected}, {Days} employee-days changed in {Ms} ms.",
            job, trigger, run.Status, run.ItemsRead, run.Added, run.Updated, run.Removed, run.Rejected, run.ChangedDays,
            (run.FinishedUtc - run.StartedUtc)?.TotalMilliseconds);
        return new SyncRunResult(run, outcome, failure);
    }

    private DateTime Now() => timeProvider.GetUtcNow().UtcDateTime;

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}

public sealed record SyncRunResult(SyncRun Run, SyncOutcome Outcome, Exception? Failure)
{
    public bool Succeeded => Failure is null;
}
