using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Productivity.Infrastructure.Persistence;
using Quartz;

namespace Productivity.Infrastructure.Jobs;

/// <summary>
/// A daily firing missed while the app was down runs once at start-up. A trigger that has fired before is left to
/// the clustered store's own misfire handling (fire once and proceed); a trigger that has never fired — always so
/// with the in-memory store, and for a new or rescheduled trigger in the cluster — is caught up here when the job's
/// last run is older than its last scheduled time. The catch-up trigger's name is derived from that time, so nodes
/// starting together schedule it once between them.
/// </summary>
internal sealed class MissedRunCatchUp(
    ISchedulerFactory schedulerFactory,
    IDbContextFactory<ProductivityDbContext> contextFactory,
    JobSchedule schedule,
    TimeProvider timeProvider,
    ILogger<MissedRunCatchUp> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        foreach (var job in schedule.Jobs.Where(j => j.CronExpression is not null))
        {
            if (await scheduler.GetTrigger(new TriggerKey(job.Key.Name), cancellationToken) is not ICronTrigger trigger
                || trigger.PreviousFireTimeUtc is not null
                || new CronExpression(job.CronExpression!, trigger.TimeZone).GetPreviousValidTimeBefore(now) is not { } lastScheduled)
            {
                continue;
            }
            var lastRun = await db.SyncRuns.Where(r => r.Job == job.SyncRun).MaxAsync(r => (DateTime?)r.StartedUtc, cancellationToken);
            if (lastRun is null || lastRun < lastScheduled.UtcDateTime)
            {
                await CatchUpAsync(scheduler, job.Key, lastScheduled, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task CatchUpAsync(IScheduler scheduler, JobKey job, DateTimeOffset lastScheduled, CancellationToken cancellationToken)
    {
        var key = new TriggerKey($"{job.Name}.catch-up.{lastScheduled.UtcDateTime:yyyyMMddTHHmmZ}");
        try
        {
            await scheduler.ScheduleJob(TriggerBuilder.Create().WithIdentity(key).ForJob(job).StartNow().Build(), default, cancellationToken);
            logger.LogInformation("{Job} missed its run at {Scheduled:u}; running it once now.", job.Name, lastScheduled);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Another node starting at the same time scheduled this catch-up already.
        }
    }
}
