using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Time;
using Productivity.Infrastructure.Scoring;
using Productivity.Infrastructure.Telemetry;

namespace Productivity.Infrastructure.Sync;

/// <summary>
/// The sync use cases as the jobs, the command line and the admin UI run them, each the same three steps: run the sync
/// (which returns its outcome, whose change feed names the (employee, day) pairs it changed), rescore those pairs, and
/// record the run. The one place that rescores after a sync: the sync services know nothing of scoring, and scoring
/// nothing of syncs.
/// </summary>
public sealed class SyncPipeline(
    IServiceScopeFactory scopeFactory,
    SyncRunner runner,
    ScoreRecalculationService scoring,
    SiteClock siteClock,
    TimeProvider timeProvider)
{
    public const int ReconciliationDays = 14;

    /// <summary>Today and yesterday (site-local): a clock-out at 23:30 is picked up by the next run after midnight.</summary>
    public (DateOnly From, DateOnly To) RecentDays()
    {
        var today = siteClock.BusinessDayOf(timeProvider.GetUtcNow().UtcDateTime);
        return (today.AddDays(-1), today);
    }

    /// <summary>
    /// The 5-minute poll: <see cref="RecentDays"/> of the clocks in use. An archived clock takes no new punches, so the
    /// poll spends no requests on it; range syncs and the reconciliation still read its history.
    /// </summary>
    public Task<SyncRunResult> PollShiftsAsync(string trigger, CancellationToken cancellationToken = default)
    {
        var (from, to) = RecentDays();
        return RunAsync<ShiftSyncService>(SyncJobs.Shifts, trigger,
            (service, ct) => service.SyncAsync(from, to, includeArchivedClocks: false, ct), cancellationToken);
    }

    /// <summary>Re-reads a range of days (the command line), archived clocks included.</summary>
    public Task<SyncRunResult> SyncShiftsAsync(string trigger, DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        RunAsync<ShiftSyncService>(SyncJobs.Shifts, trigger,
            (service, ct) => service.SyncAsync(from, to, includeArchivedClocks: true, ct), cancellationToken);

    /// <summary>
    /// A webhook's re-read: the shifts and breaks of these Connecteam users (null: everyone) on <paramref name="day"/> and
    /// the day before (a clock-out event names the day it happens; the shift may have started the evening before).
    /// </summary>
    public Task<SyncRunResult> SyncConnecteamUsersAsync(string trigger, IReadOnlyCollection<long>? userIds, DateOnly day,
        CancellationToken cancellationToken = default) =>
        RunAsync<ShiftSyncService>(SyncJobs.Webhook, trigger, (service, ct) => userIds is null
            ? service.SyncAsync(day.AddDays(-1), day, includeArchivedClocks: false, ct)
            : service.SyncUsersAsync(userIds, day.AddDays(-1), day, ct), cancellationToken);

    public Task<SyncRunResult> SyncEmployeesAsync(string trigger, CancellationToken cancellationToken = default) =>
        RunAsync<EmployeeSyncService>(SyncJobs.Employees, trigger, (service, ct) => service.SyncAsync(ct), cancellationToken);

    /// <summary>
    /// Re-reads the last 14 days from Connecteam, archived clocks included (an edit made there after archiving is picked
    /// up here); the run's details hold shifts added, changed and removed per day.
    /// </summary>
    public Task<SyncRunResult> ReconcileAsync(string trigger, CancellationToken cancellationToken = default)
    {
        var (_, today) = RecentDays();
        return RunAsync<ShiftSyncService>(SyncJobs.Reconciliation, trigger,
            (service, ct) => service.SyncAsync(today.AddDays(1 - ReconciliationDays), today, includeArchivedClocks: true, ct),
            cancellationToken);
    }

    /// <summary>New PodFactory rows; a scheduled poll that finds none only stamps its "last polled" time (<see cref="SyncRunner.FinishAsync"/>).</summary>
    public Task<SyncRunResult> SyncPodFactoryAsync(string trigger, CancellationToken cancellationToken = default) =>
        RunAsync<ActivitySyncService>(SyncJobs.PodFactory, trigger, (service, ct) => service.SyncIncrementalAsync(ct),
            cancellationToken, poll: true);

    public Task<SyncRunResult> SyncPodFactoryDaysAsync(string trigger, DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        RunAsync<ActivitySyncService>(SyncJobs.PodFactoryDays, trigger, (service, ct) => service.SyncDaysAsync(from, to, ct), cancellationToken);

    /// <summary>Any other recorded run whose changed days are rescored (the mapping import).</summary>
    public Task<SyncRunResult> RunAsync(string job, string trigger, Func<CancellationToken, Task<SyncOutcome>> sync,
        CancellationToken cancellationToken = default) =>
        RunAsync(job, trigger, sync, poll: false, cancellationToken);

    /// <summary>A run of a polling job: recorded only if it found something, failed or was asked for (<see cref="SyncRunner.FinishAsync"/>).</summary>
    public Task<SyncRunResult> PollAsync(string job, string trigger, Func<CancellationToken, Task<SyncOutcome>> sync,
        CancellationToken cancellationToken = default) =>
        RunAsync(job, trigger, sync, poll: true, cancellationToken);

    private Task<SyncRunResult> RunAsync<TService>(string job, string trigger, Func<TService, CancellationToken, Task<SyncOutcome>> sync,
        CancellationToken cancellationToken, bool poll = false)
        where TService : notnull =>
        RunAsync(job, trigger, async ct =>
        {
            // A fresh scope (and DbContext) per run keeps runs independent of each other and of the caller.
            await using var scope = scopeFactory.CreateAsyncScope();
            return await sync(scope.ServiceProvider.GetRequiredService<TService>(), ct);
        }, poll, cancellationToken);

    private async Task<SyncRunResult> RunAsync(string job, string trigger, Func<CancellationToken, Task<SyncOutcome>> sync, bool poll,
        CancellationToken cancellationToken)
    {
        using var span = ProductivityTelemetry.Source.StartActivity($"sync {job}")?
            .SetTag("productivity.sync.job", job).SetTag("productivity.sync.trigger", trigger);
        var run = await runner.StartAsync(job, trigger, poll, cancellationToken);
        SyncOutcome outcome;
        Exception? failure = null;
        try
        {
            outcome = await sync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // What a sync wrote before it failed counts: its days are rescored and its counts recorded.
            outcome = (ex as SyncFailedException)?.Partial ?? new SyncOutcome();
            failure = ex is SyncFailedException { InnerException: { } cause } ? cause : ex;
        }
        try
        {
            // The change feed: rescore exactly the pairs this run touched.
            await scoring.RecalculateAsync(outcome.ChangedDays, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The rows are stored but their days' scores are not: the run failed, and says so in the history.
            failure ??= ex;
        }
        span?.SetStatus(failure is null ? ActivityStatusCode.Unset : ActivityStatusCode.Error, failure?.Message);
        return await runner.FinishAsync(run, outcome, failure, poll);
    }
}
