using Productivity.Core.Time;

namespace Productivity.Tests.Core.Time;

public sealed class SiteClockTests
{
    public static TheoryData<string> Zones => new() { "America/Chicago", "Pacific/Kiritimati", "Etc/GMT+12" };

    [Theory]
    [InlineData("2025-12-10", true)]
    [InlineData("0002-01-01", true)]
    [InlineData("9998-12-31", true)]
    [InlineData("0001-12-31", false)]
    [InlineData("0001-01-01", false)]
    [InlineData("9999-01-01", false)]
    [InlineData("9999-12-31", false)]
    [InlineData("2025-02-30", false)]
    [InlineData("2025-12-10T00:00", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void TryParseDay_AcceptsIsoDaysTheSiteSupports(string? text, bool expected) =>
        SiteClock.TryParseDay(text, out _).ShouldBe(expected);

    [Theory]
    [MemberData(nameof(Zones))]
    public void UtcRangeOf_FirstAndLastDays_AndTheDaysReadAroundThem_AreRepresentable(string zone)
    {
        var clock = new SiteClock(TimeZoneInfo.FindSystemTimeZoneById(zone));

        // What a page reads around a day: the 90-day trend before it, and the day either side.
        foreach (var day in new[] { SiteClock.FirstDay.AddDays(-90), SiteClock.LastDay.AddDays(1) })
        {
            var (start, end) = clock.UtcRangeOf(day);
            (end - start).ShouldBeInRange(TimeSpan.FromHours(23), TimeSpan.FromHours(25));
        }
    }

    [Theory]
    // Chicago, fall-back day 2025-11-02 (25 hours): local midnight is 05:00Z; 01:00–02:00 local happens twice.
    [InlineData("2025-11-02", "2025-11-02T05:00:00Z", 0)]
    [InlineData("2025-11-02", "2025-11-02T06:59:59Z", 1)]
    [InlineData("2025-11-02", "2025-11-02T07:00:00Z", 2)] // 01:00 local, the second time
    [InlineData("2025-11-02", "2025-11-03T05:59:00Z", 24)] // 23:59 local, hour 25 of the day
    [InlineData("2025-11-02", "2025-11-03T06:30:00Z", 25)] // a night shift past the next midnight
    // Spring-forward day 2025-03-09 (23 hours): 02:00 local does not exist, 03:00 local is hour 2.
    [InlineData("2025-03-09", "2025-03-09T08:00:00Z", 2)]
    [InlineData("2025-03-09", "2025-03-09T05:59:00Z", 0)] // before the day's midnight: the first hour
    public void HourOfDay_CountsWholeHoursFromTheDaysLocalMidnight_OnDaylightSavingDaysToo(string day, string utc, int hour)
    {
        var clock = new SiteClock(TimeZoneInfo.FindSystemTimeZoneById("America/Chicago"));

        clock.HourOfDay(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture),
                DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal))
            .ShouldBe(hour);
    }
}
