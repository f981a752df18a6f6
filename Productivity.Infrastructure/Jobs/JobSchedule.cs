using Productivity.Infrastructure.Sync;
using Quartz;
using Quartz.Impl.Triggers;

namespace Productivity.Infrastructure.Jobs;

/// <summary>
/// The schedules, in the site's time zone. No job overlaps itself; a missed firing runs once on return. A source that
/// is not configured has no schedule.
/// </summary>
internal sealed class JobSchedule
{
    public const string EmployeesCron = "0 0 2 * * ?";
    public const string ReconciliationCron = "0 0 3 * * ?";
    public const string PodFactoryDaysCron = "0 15 0,6,12,18 * * ?";

    private readonly TimeZoneInfo _siteTimeZone;

    public JobSchedule(TimeZoneInfo siteTimeZone, JobIntervals intervals, bool connecteam, bool podFactory)
    {
        _siteTimeZone = siteTimeZone;
        var jobs = new List<ScheduledJob>
        {
            ScheduledJob.Every<OpenShiftScoringJob>(TimeSpan.FromMinutes(1)),
            ScheduledJob.Every<AlertEvaluationJob>(TimeSpan.FromMinutes(1)),
        };
        if (connecteam)
        {
            jobs.Add(ScheduledJob.Every<ShiftSyncJob>(intervals.Shifts));
            jobs.Add(ScheduledJob.Cron<EmployeeSyncJob>(EmployeesCron, SyncJobs.Employees));
            jobs.Add(ScheduledJob.Cron<ReconciliationJob>(ReconciliationCron, SyncJobs.Reconciliation));
        }
        if (podFactory)
        {
            jobs.Add(ScheduledJob.Every<PodFactorySyncJob>(intervals.PodFactory));
            jobs.Add(ScheduledJob.Cron<PodFactoryDaysJob>(PodFactoryDaysCron, SyncJobs.PodFactoryDays));
        }
        Jobs = jobs;
    }

    public IReadOnlyList<ScheduledJob> Jobs { get; }

    /// <summary>Declares every job with its trigger; the job and its trigger share the job class's name.</summary>
    public void Configure(IQuartzBuilder quartz)
    {
        foreach (var job in Jobs)
        {
            job.Add(quartz, Schedule(job));
        }
    }

    /// <summary>A fresh trigger for <paramref name="job"/>, as <see cref="Configure"/> declares it.</summary>
    public ITrigger BuildTrigger(ScheduledJob job) =>
        TriggerBuilder.Create().WithIdentity(job.Key.Name).ForJob(job.Key).StartNow().WithSchedule(Schedule(job)).Build();

    /// <summary>Whether a stored trigger still fires on the declared schedule (its place in the schedule aside).</summary>
    public bool Matches(ITrigger stored, ScheduledJob job) => stored switch
    {
        ISimpleTrigger simple => job.Interval == simple.RepeatInterval && simple.RepeatCount == SimpleTriggerImpl.RepeatIndefinitely,
        ICronTrigger cron => job.CronExpression == cron.CronExpressionString && cron.TimeZone.Id == _siteTimeZone.Id,
        _ => false,
    };

    private IScheduleBuilder Schedule(ScheduledJob job) => job.Interval is { } interval
        ? SimpleScheduleBuilder.Create().WithInterval(interval).RepeatForever()
            .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)
        : CronScheduleBuilder.Create(job.CronExpression!).InTimeZone(_siteTimeZone)
            .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed);
}

/// <summary>One scheduled job: every <see cref="Interval"/>, or on a <see cref="CronExpression"/> in the site zone.</summary>
/// <param name="SyncRun">For a daily job, the <c>sync_runs</c> job name its runs record (how a missed run is noticed).</param>
internal sealed record ScheduledJob(JobKey Key, TimeSpan? Interval, string? CronExpression, string? SyncRun, Action<IQuartzBuilder, IScheduleBuilder> Add)
{
    public static ScheduledJob Every<TJob>(TimeSpan interval) where TJob : class, IJob =>
        new(new JobKey(typeof(TJob).Name), interval, null, null, Declare<TJob>);

    public static ScheduledJob Cron<TJob>(string cron, string syncRun) where TJob : class, IJob =>
        new(new JobKey(typeof(TJob).Name), null, cron, syncRun, Declare<TJob>);

    private static void Declare<TJob>(IQuartzBuilder quartz, IScheduleBuilder schedule) where TJob : class, IJob =>
        quartz.ScheduleJob<TJob>(
            trigger => trigger.WithIdentity(typeof(TJob).Name).StartNow().WithSchedule(schedule),
            job => job.WithIdentity(typeof(TJob).Name));
}
