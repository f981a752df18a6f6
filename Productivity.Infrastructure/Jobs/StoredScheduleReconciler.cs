using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Productivity.Infrastructure.Jobs;

/// <summary>
/// With the clustered store the declared jobs are only added when missing: replacing a trigger that another node has
/// acquired made both nodes fire it every period from then on. So at start-up this brings the stored schedule in line
/// with the declared one instead: a trigger whose interval, cron or zone changed is rescheduled, a job that is no
/// longer declared (its source was unconfigured) is deleted, and an unchanged trigger keeps its place and history.
/// </summary>
internal sealed class StoredScheduleReconciler(ISchedulerFactory schedulerFactory, JobSchedule schedule, ILogger<StoredScheduleReconciler> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        var declared = schedule.Jobs.ToDictionary(j => j.Key);
        foreach (var key in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(JobKey.DefaultGroup), cancellationToken))
        {
            if (!declared.ContainsKey(key))
            {
                logger.LogWarning("Job {Job} is stored but no longer scheduled here (its source is not configured); deleting it.", key.Name);
                await scheduler.DeleteJob(key, cancellationToken);
            }
        }
        foreach (var job in schedule.Jobs)
        {
            var triggerKey = new TriggerKey(job.Key.Name);
            var stored = await scheduler.GetTrigger(triggerKey, cancellationToken);
            if (stored is not null && !schedule.Matches(stored, job))
            {
                logger.LogInformation("The schedule of {Job} changed; rescheduling it.", job.Key.Name);
                await scheduler.RescheduleJob(triggerKey, schedule.BuildTrigger(job), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
