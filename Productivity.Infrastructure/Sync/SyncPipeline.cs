using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Time;
using Productivity.Infrastructure.Mappings;
using Productivity.Infrastructure.Scoring;

namespace Productivity.Infrastructure.Sync;

/// <summary>
/// The sync use cases as the jobs, the command line and the admin UI run them: each is recorded as a sync run and
/// returns its outcome, whose change feed names the (employee, day) pairs to rescore.
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
            (service, outcome, ct) => service.SyncAsync(from, to, outcome, includeArchivedClocks: false, ct), cancellationToken);
    }

    /// <summary>Re-reads a range of days (the command line), archived clocks included.</summary>
    public Task<SyncRunResult> SyncShiftsAsync(string trigger, DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        RunAsync<ShiftSyncService>(SyncJobs.Shifts, trigger,
            (service, outcome, ct) => service.SyncAsync(from, to, outcome, includeArchivedClocks: true, ct), cancellationToken);

    /// <summary>
    /// A webhook's re-read: the shifts and breaks of these Connecteam users (null: everyone) on <paramref name="day"/> and
    /// the day before (a clock-out event names the day it happens; the shift may have started the evening before).
    /// </summary>
    public Task<SyncRunResult> SyncConnecteamUsersAsync(string trigger, IReadOnlyCollection<long>? userIds, DateOnly day,
        CancellationToken cancellationToken = default) =>
        RunAsync<ShiftSyncService>(SyncJobs.Webhook, trigger, (service, outcome, ct) => userIds is null
            ? service.SyncAsync(day.AddDays(-1), day, outcome, includeArchivedClocks: false, ct)
            : service.SyncUsersAsync(userIds, day.AddDays(-1), day, outcome, ct), cancellationToken);

    public Task<SyncRunResult> SyncEmployeesAsync(string trigger, CancellationToken cancellationToken = default) =>
        RunAsync<EmployeeSyncService>(SyncJobs.Employees, trigger, (service, outcome, ct) => service.SyncAsync(outcome, ct), cancellationToken);

    /// <summary>
    /// Re-reads the last 14 days from Connecteam, archived clocks included (an edit made there after archiving is picked
    /// up here); the run's details hold shifts added, changed and removed per day.
    /// </summary>
    public Task<SyncRunResult> ReconcileAsync(string trigger, CancellationToken cancellationToken = default)
    {
        var (_, today) = RecentDays();
        return RunAsync<ShiftSyncService>(SyncJobs.Reconciliation, trigger,
            (service, outcome, ct) => service.SyncAsync(today.AddDays(1 - ReconciliationDays), today, outcome, includeArchivedClocks: true, ct),
            cancellationToken);
    }

    /// <summary>New PodFactory rows; a scheduled poll that finds none only stamps its "last polled" time (<see cref="SyncRunner.PollAsync"/>).</summary>
    public Task<SyncRunResult> SyncPodFactoryAsync(string trigger, CancellationToken cancellationToken = default) =>
        RunAsync<ActivitySyncService>(SyncJobs.PodFactory, trigger, (service, outcome, ct) => service.SyncIncrementalAsync(outcome, ct),
            cancellationToken, poll: true);

    public Task<SyncRunResult> SyncPodFactoryDaysAsync(string trigger, DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        RunAsync<ActivitySyncService>(SyncJobs.PodFactoryDays, trigger, (service, outcome, ct) => service.SyncDaysAsync(from, to, outcome, ct), cancellationToken);

    public Task<SyncRunResult> ImportMappingsAsync(string trigger, ClaimsPrincipal actor, TextReader csv, CancellationToken cancellationToken = default) =>
        RunAsync<MappingService>(SyncJobs.MappingImport, trigger, (service, outcome, ct) => service.ImportCsvAsync(actor, csv, outcome, ct), cancellationToken);

    private async Task<SyncRunResult> RunAsync<TService>(string job, string trigger, Func<TService, SyncOutcome, CancellationToken, Task> work,
        CancellationToken cancellationToken, bool poll = false)
        where TService : notnull
    {
        Func<SyncOutcome, CancellationToken, Task> scoped = async (outcome, ct) =>
        {
            // A fresh scope (and DbContext) per run keeps runs independent of each other and of the caller.
            await using var scope = scopeFactory.CreateAsyncScope();
            await work(scope.ServiceProvider.GetRequiredService<TService>(), outcome, ct);
        };
        var result = poll
            ? await runner.PollAsync(job, trigger, scoped, cancellationToken)
            : await runner.RunAsync(job, trigger, scoped, cancellationToken);
        // The change feed: rescore exactly the pairs this run touched (also after a partial failure: what was written counts).
        await scoring.RecalculateAsync(result.Outcome.ChangedDays, cancellationToken);
        return result;
    }
}
