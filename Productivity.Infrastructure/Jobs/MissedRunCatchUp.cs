using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Productivity.Core.Time;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Sync;
using Quartz;

namespace Productivity.Infrastructure.Jobs;

/// <summary>
/// With the in-memory job store a daily firing missed while the app was down is not remembered; this runs each daily
/// job once at start-up when its last run is older than its last scheduled time. (A persistent store does this itself.)
/// </summary>
internal sealed class MissedRunCatchUp(
    ISchedulerFactory schedulerFactory,
    IDbContextFactory<ProductivityDbContext> contextFactory,
    SiteClock siteClock,
    TimeProvider timeProvider,
    ILogger<MissedRunCatchUp> logger) : IHostedService
{
    private static readonly (string Job, string SyncJob, string Cron)[] Daily =
    [
        (nameof(EmployeeSyncJob), SyncJobs.Employees, JobSchedule.EmployeesCron),
        (nameof(ReconciliationJob), SyncJobs.Reconciliation, JobSchedule.ReconciliationCron),
        (nameof(PodFactoryDaysJob), SyncJobs.PodFactoryDays, JobSchedule.PodFactoryDaysCron),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        foreach (var (job, syncJob, cron) in Daily)
        {
            var lastScheduled = LastFireBefore(cron, now);
            if (lastScheduled is null || await scheduler.GetJobDetail(new JobKey(job), cancellationToken) is null)
            {
                continue;
            }
            var lastRun = await db.SyncRuns.Where(r => r.Job == syncJob).MaxAsync(r => (DateTime?)r.StartedUtc, cancellationToken);
            if (lastRun is null || lastRun < lastScheduled.Value.UtcDateTime)
            {
                logger.LogInformation("{Job} missed its run at {Scheduled:u}; running it once now.", job, lastScheduled.Value);
                await scheduler.TriggerJob(new JobKey(job), null!, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private DateTimeOffset? LastFireBefore(string cron, DateTimeOffset now) =>
        new CronExpression(cron, siteClock.TimeZone).GetPreviousValidTimeBefore(now);
}
