using System.Globalization;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Productivity.Infrastructure.Jobs;

/// <summary>
/// Queues a webhook's re-read as a one-off Quartz job, so it runs on one node of the cluster and survives a restart
/// (the clustered store keeps it). The job key is derived from (Connecteam user, day): while a read of that pair is
/// waiting, more events for it (Connecteam's retries, a clock-in and a break a second apart) collapse into it. A read
/// already running may have fetched before the event, so one more read is queued behind it. A failed read reschedules
/// itself a few times; after that the 5-minute poll covers the change.
/// </summary>
public sealed class WebhookReadQueue(TimeProvider timeProvider, ILogger<WebhookReadQueue> logger, ISchedulerFactory? schedulerFactory = null)
{
    public const string Group = "connecteam-webhook";

    /// <summary>Waits before the retries of a failed read (each read already retries Connecteam's 5xx for ~7 s).</summary>
    public static IReadOnlyList<TimeSpan> RetryDelays { get; } = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30)];

    private const string UserKey = "userId";
    private const string DayKey = "day";
    private const string AttemptKey = "attempt";
    private const string AgainSuffix = ".again";

    // Over-write, not add: two nodes that both found no trigger write the same one, still one read.
    private static readonly ScheduleJobOptions Replace = new() { Replace = true };

    /// <summary>False on a node without schedules (<c>Jobs:Enabled=false</c>): nothing can be queued here.</summary>
    public bool Available => schedulerFactory is not null;

    /// <summary>Queues a read of <paramref name="userId"/> (null: everyone) for <paramref name="day"/>; false when one is already waiting.</summary>
    public async Task<bool> EnqueueAsync(long? userId, DateOnly day, CancellationToken cancellationToken = default)
    {
        var scheduler = await SchedulerAsync(cancellationToken);
        var job = JobKeyOf(userId, day);
        foreach (var name in new[] { job.Name, job.Name + AgainSuffix })
        {
            var key = new TriggerKey(name, Group);
            var state = await scheduler.GetTriggerState(key, cancellationToken);
            if (state is TriggerState.Executing or TriggerState.Complete)
            {
                // Fired: that read is running now and may have fetched before this event.
                continue;
            }
            if (state != TriggerState.None)
            {
                return false;
            }
            await scheduler.ScheduleJob(JobOf(job), [Trigger(key, job, new WebhookRead(userId, day, 1), timeProvider.GetUtcNow())],
                Replace, cancellationToken);
            return true;
        }
        return false;
    }

    /// <summary>Schedules the next attempt of a failed read, or gives up (logged) after the last retry.</summary>
    public async Task RetryAsync(JobKey job, WebhookRead read, CancellationToken cancellationToken = default)
    {
        if (read.Attempt > RetryDelays.Count)
        {
            logger.LogWarning("Webhook re-read of Connecteam user {UserId} for {Day} failed {Attempts} times; the shift sync will pick the change up.",
                read.UserId, read.Day, read.Attempt);
            return;
        }
        var delay = RetryDelays[read.Attempt - 1];
        logger.LogInformation("Webhook re-read of Connecteam user {UserId} for {Day} failed; attempt {Next} in {Seconds} s.",
            read.UserId, read.Day, read.Attempt + 1, delay.TotalSeconds);
        var scheduler = await SchedulerAsync(cancellationToken);
        var key = new TriggerKey($"{job.Name}.retry{read.Attempt}", Group);
        await scheduler.ScheduleJob(JobOf(job), [Trigger(key, job, read with { Attempt = read.Attempt + 1 }, timeProvider.GetUtcNow() + delay)],
            Replace, cancellationToken);
    }

    public static WebhookRead ReadOf(JobDataMap data) => new(
        data.TryGetString(UserKey, out var user) && long.TryParse(user, CultureInfo.InvariantCulture, out var id) ? id : null,
        DateOnly.ParseExact(data.GetString(DayKey)!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        data.TryGetString(AttemptKey, out var attempt) && int.TryParse(attempt, CultureInfo.InvariantCulture, out var n) ? n : 1);

    public static JobKey JobKeyOf(long? userId, DateOnly day) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{(userId is { } id ? id.ToString(CultureInfo.InvariantCulture) : "all")}.{day:yyyyMMdd}"), Group);

    private async Task<IScheduler> SchedulerAsync(CancellationToken cancellationToken) =>
        schedulerFactory is null
            ? throw new InvalidOperationException("This node runs no schedules (Jobs:Enabled=false); webhook re-reads cannot be queued here.")
            : await schedulerFactory.GetScheduler(cancellationToken);

    // Not durable: the job is gone from the store once its last trigger has fired.
    private static IJobDetail JobOf(JobKey key) => JobBuilder.Create<WebhookReadJob>().WithIdentity(key).Build();

    // Strings only in the job data: the clustered store serializes it as JSON.
    private static ITrigger Trigger(TriggerKey key, JobKey job, WebhookRead read, DateTimeOffset at) =>
        TriggerBuilder.Create().WithIdentity(key).ForJob(job).StartAt(at)
            .UsingJobData(UserKey, read.UserId?.ToString(CultureInfo.InvariantCulture) ?? "")
            .UsingJobData(DayKey, read.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .UsingJobData(AttemptKey, read.Attempt.ToString(CultureInfo.InvariantCulture))
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
}

/// <param name="UserId">The Connecteam user; null re-reads everyone of the day.</param>
/// <param name="Attempt">1 for the first read.</param>
public sealed record WebhookRead(long? UserId, DateOnly Day, int Attempt);
