using Productivity.Core.Reports;
using Productivity.Core.Time;
using Productivity.Infrastructure.Email;
using Productivity.Infrastructure.Jobs;
using Quartz;

namespace Productivity.Tests.Infrastructure.Email;

/// <summary>
/// When the summaries fire (the Quartz triggers the schedule declares, computed without running them) and which days a
/// firing reports, across Chicago's daylight-saving changes of 2027 (14 March, 7 November).
/// </summary>
public sealed class SummaryScheduleTests
{
    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
    private static readonly EmailSchedule SixAm = new(new TimeOnly(6, 0), TimeSpan.FromSeconds(15));

    [Fact]
    public void DailySummary_FiresAt0600SiteTime_OnEitherSideOfTheSpringChange()
    {
        var fires = FireTimes(nameof(DailySummaryJob), new DateTimeOffset(2027, 3, 12, 0, 0, 0, TimeSpan.Zero), 4);

        // 06:00 CST is 12:00 UTC; from Sunday 14 March, 06:00 CDT is 11:00 UTC.
        fires.ShouldBe([At(2027, 3, 12, 12), At(2027, 3, 13, 12), At(2027, 3, 14, 11), At(2027, 3, 15, 11)]);
        fires.ShouldAllBe(f => TimeZoneInfo.ConvertTime(f, Chicago).TimeOfDay == TimeSpan.FromHours(6));
    }

    [Fact]
    public void DailySummary_FiresOnceAt0600_OnTheAutumnChange()
    {
        var fires = FireTimes(nameof(DailySummaryJob), new DateTimeOffset(2027, 11, 6, 0, 0, 0, TimeSpan.Zero), 3);

        fires.ShouldBe([At(2027, 11, 6, 11), At(2027, 11, 7, 12), At(2027, 11, 8, 12)]);
    }

    [Fact]
    public void WeeklySummary_FiresOnMondaysAt0600SiteTime()
    {
        var fires = FireTimes(nameof(WeeklySummaryJob), new DateTimeOffset(2027, 3, 3, 0, 0, 0, TimeSpan.Zero), 3);

        fires.ShouldBe([At(2027, 3, 8, 12), At(2027, 3, 15, 11), At(2027, 3, 22, 11)]);
        fires.ShouldAllBe(f => TimeZoneInfo.ConvertTime(f, Chicago).DayOfWeek == DayOfWeek.Monday);
    }

    [Fact]
    public void ConfiguredTime_IsTheTriggersTime()
    {
        var schedule = new JobSchedule(Chicago, Intervals, connecteam: false, podFactory: false, new EmailSchedule(new TimeOnly(18, 30), TimeSpan.FromSeconds(5)));
        var fires = FireTimes(schedule, nameof(DailySummaryJob), new DateTimeOffset(2027, 3, 13, 0, 0, 0, TimeSpan.Zero), 3);

        // 18:30 CST on the 12th and 13th, then 18:30 CDT on the 14th.
        fires.ShouldBe([At(2027, 3, 13, 0, 30), At(2027, 3, 14, 0, 30), At(2027, 3, 14, 23, 30)]);
        schedule.Jobs.Single(j => j.Key.Name == nameof(EmailSendJob)).Interval.ShouldBe(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void WithoutEmail_NoEmailJobIsScheduled() =>
        new JobSchedule(Chicago, Intervals, connecteam: true, podFactory: true).Jobs
            .Select(j => j.Key.Name).ShouldNotContain(n => n.Contains("Summary") || n.Contains("Email"));

    [Theory]
    // Run at (UTC), kind → the period reported. 11:00 UTC is 06:00 CDT; 10:59 is before it.
    [InlineData("2026-03-09T11:00:00Z", SummaryKind.Daily, "2026-03-08", "2026-03-08")]
    [InlineData("2026-03-09T10:59:59Z", SummaryKind.Daily, "2026-03-07", "2026-03-07")]
    [InlineData("2026-03-10T04:00:00Z", SummaryKind.Daily, "2026-03-08", "2026-03-08")] // 23:00 on the 9th, site time
    [InlineData("2026-03-09T11:00:00Z", SummaryKind.Weekly, "2026-03-02", "2026-03-08")]
    [InlineData("2026-03-12T20:00:00Z", SummaryKind.Weekly, "2026-03-02", "2026-03-08")] // Thursday: last Monday's firing
    [InlineData("2026-03-09T10:00:00Z", SummaryKind.Weekly, "2026-02-23", "2026-03-01")] // Monday 05:00: the Monday before
    public void Period_IsThatOfTheLatestDueFiring(string runUtc, SummaryKind kind, string from, string to)
    {
        var run = DateTime.Parse(runUtc, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);

        var period = SummaryPeriod.Of(kind, SummaryPeriod.DueDay(kind, run, new TimeOnly(6, 0), new SiteClock(Chicago)));

        period.ShouldBe((DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void DueTimeInTheSkippedHour_StillReportsTheDayBefore()
    {
        // 02:30 does not exist on 14 March 2027 in Chicago; Quartz fires at 03:00 CDT (08:00 UTC).
        var schedule = new JobSchedule(Chicago, Intervals, false, false, new EmailSchedule(new TimeOnly(2, 30), TimeSpan.FromSeconds(15)));
        var fire = FireTimes(schedule, nameof(DailySummaryJob), new DateTimeOffset(2027, 3, 14, 6, 0, 0, TimeSpan.Zero), 1).Single();

        var day = SummaryPeriod.DueDay(SummaryKind.Daily, fire.UtcDateTime, new TimeOnly(2, 30), new SiteClock(Chicago));

        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(fire, Chicago).DateTime).ShouldBe(new DateOnly(2027, 3, 14));
        day.ShouldBe(new DateOnly(2027, 3, 14));
        SummaryPeriod.Of(SummaryKind.Daily, day).ShouldBe((new DateOnly(2027, 3, 13), new DateOnly(2027, 3, 13)));
    }

    private static readonly JobIntervals Intervals = new(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(10));

    private static DateTimeOffset At(int year, int month, int day, int hourUtc, int minute = 0) =>
        new(year, month, day, hourUtc, minute, 0, TimeSpan.Zero);

    private static List<DateTimeOffset> FireTimes(string job, DateTimeOffset after, int count) =>
        FireTimes(new JobSchedule(Chicago, Intervals, connecteam: false, podFactory: false, SixAm), job, after, count);

    /// <summary>The next firings of the trigger the schedule declares for <paramref name="job"/>, as Quartz computes them.</summary>
    private static List<DateTimeOffset> FireTimes(JobSchedule schedule, string job, DateTimeOffset after, int count)
    {
        var trigger = schedule.BuildTrigger(schedule.Jobs.Single(j => j.Key.Name == job));
        trigger.ShouldBeAssignableTo<ICronTrigger>()!.TimeZone.Id.ShouldBe(Chicago.Id);
        var fires = new List<DateTimeOffset>();
        var time = after;
        while (fires.Count < count)
        {
            time = trigger.GetFireTimeAfter(time) ?? throw new InvalidOperationException("The trigger stopped firing.");
            fires.Add(time);
        }
        return fires;
    }
}
