using Quartz;

namespace Productivity.Infrastructure.Jobs;

/// <summary>The schedules, in the site's time zone. No job overlaps itself; a missed firing runs once on return.</summary>
internal static class JobSchedule
{
    public const string EmployeesCron = "0 0 2 * * ?";
    public const string ReconciliationCron = "0 0 3 * * ?";
    public const string PodFactoryDaysCron = "0 15 0,6,12,18 * * ?";

    /// <summary>Schedules the jobs of the configured sources (a source that is not configured has no schedule).</summary>
    public static void Configure(IQuartzBuilder quartz, TimeZoneInfo siteTimeZone, JobIntervals intervals, bool connecteam, bool podFactory)
    {
        Every<OpenShiftScoringJob>(quartz, TimeSpan.FromMinutes(1));
        if (connecteam)
        {
            Every<ShiftSyncJob>(quartz, intervals.Shifts);
            Cron<EmployeeSyncJob>(quartz, EmployeesCron, siteTimeZone);
            Cron<ReconciliationJob>(quartz, ReconciliationCron, siteTimeZone);
        }
        if (podFactory)
        {
            Every<PodFactorySyncJob>(quartz, intervals.PodFactory);
            Cron<PodFactoryDaysJob>(quartz, PodFactoryDaysCron, siteTimeZone);
        }
    }

    private static void Every<TJob>(IQuartzBuilder quartz, TimeSpan interval)
        where TJob : class, IJob =>
        quartz.ScheduleJob<TJob>(
            trigger => trigger.WithIdentity(typeof(TJob).Name).StartNow().WithSimpleSchedule(s => s
                .WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)),
            job => job.WithIdentity(typeof(TJob).Name));

    private static void Cron<TJob>(IQuartzBuilder quartz, string cron, TimeZoneInfo siteTimeZone)
        where TJob : class, IJob =>
        quartz.ScheduleJob<TJob>(
            trigger => trigger.WithIdentity(typeof(TJob).Name).WithCronSchedule(cron, c => c
                .InTimeZone(siteTimeZone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)),
            job => job.WithIdentity(typeof(TJob).Name));
}
