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
}
