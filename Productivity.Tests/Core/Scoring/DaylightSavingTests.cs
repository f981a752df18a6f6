using System.Globalization;
using Productivity.Core.Scoring;
using static Productivity.Tests.Core.Scoring.ScoringTestData;

namespace Productivity.Tests.Core.Scoring;

/// <summary>America/Chicago: 2026-03-08 has 23 hours (02:00 CST → 03:00 CDT), 2026-11-01 has 25 (02:00 CDT → 01:00 CST).</summary>
public sealed class DaylightSavingTests
{
    private static readonly DateTime Later = Utc("2026-12-01T00:00:00Z");

    [Fact]
    public void Calculate_ShiftOverSpringForwardDay_ClocksRealElapsedMinutes()
    {
        var shift = Shift("s1", Local(2026, 3, 8, 0, 0), Local(2026, 3, 8, 23, 59));

        var score = Calculator.Calculate([shift], [], Later).ShouldHaveSingleItem();

        score.BusinessDay.ShouldBe(new DateOnly(2026, 3, 8));
        score.ClockedMinutes.ShouldBe((23 * 60) - 1);
    }

    [Fact]
    public void Calculate_ShiftOverFallBackDay_ClocksRealElapsedMinutes()
    {
        var shift = Shift("s1", Utc("2026-11-01T05:00:00Z"), Utc("2026-11-02T05:59:00Z"));

        var score = Calculator.Calculate([shift], [], Later).ShouldHaveSingleItem();

        score.BusinessDay.ShouldBe(new DateOnly(2026, 11, 1));
        score.ClockedMinutes.ShouldBe((25 * 60) - 1);
    }

    [Fact]
    public void Calculate_WindowsInRepeatedHourOfFallBack_BelongToThatDay()
    {
        ScoringWindow[] windows =
        [
            Window(1, "Picking", 10, Utc("2026-11-01T06:30:00Z")),
            Window(2, "Picking", 10, Utc("2026-11-01T07:30:00Z")),
        ];

        var score = Calculator.Calculate([], windows, Later).ShouldHaveSingleItem();

        score.BusinessDay.ShouldBe(new DateOnly(2026, 11, 1));
        score.UnclockedWindows.ShouldBe(2);
    }

    [Fact]
    public void Calculate_WindowsAcrossSpringForwardGap_HaveNoPhantomIdle()
    {
        var shift = Shift("s1", Local(2026, 3, 8, 1, 0), Local(2026, 3, 8, 4, 0));
        var windows = WindowRun(1, "In Production", 7, Local(2026, 3, 8, 1, 0), 12);

        var score = Calculator.Calculate([shift], windows, Later).ShouldHaveSingleItem();

        score.ClockedMinutes.ShouldBe(120);
        score.ActiveMinutes.ShouldBe(120);
        score.IdlePeriods.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("2026-03-08T05:59:00Z", "2026-03-07")]
    [InlineData("2026-03-08T06:00:00Z", "2026-03-08")]
    [InlineData("2026-03-08T08:00:00Z", "2026-03-08")]
    [InlineData("2026-03-09T04:59:00Z", "2026-03-08")]
    [InlineData("2026-03-09T05:00:00Z", "2026-03-09")]
    [InlineData("2026-11-01T04:59:00Z", "2026-10-31")]
    [InlineData("2026-11-01T05:00:00Z", "2026-11-01")]
    [InlineData("2026-11-02T05:59:00Z", "2026-11-01")]
    [InlineData("2026-11-02T06:00:00Z", "2026-11-02")]
    public void Calculate_ClockInAroundTransition_SessionBelongsToLocalDateOfClockIn(string clockIn, string expectedDay)
    {
        var start = Utc(clockIn);

        var score = Calculator.Calculate([Shift("s1", start, start.AddHours(8))], [], Later).ShouldHaveSingleItem();

        score.BusinessDay.ShouldBe(DateOnly.Parse(expectedDay, CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2026-03-09T04:55:00Z", "2026-03-08")]
    [InlineData("2026-03-09T05:00:00Z", "2026-03-09")]
    [InlineData("2026-11-02T05:55:00Z", "2026-11-01")]
    [InlineData("2026-11-02T06:00:00Z", "2026-11-02")]
    public void Calculate_UnclockedWindowAroundMidnight_BelongsToLocalDateOfStart(string start, string expectedDay)
    {
        var score = Calculator.Calculate([], [Window(1, "Picking", 3, Utc(start))], Later).ShouldHaveSingleItem();

        score.BusinessDay.ShouldBe(DateOnly.Parse(expectedDay, CultureInfo.InvariantCulture));
    }
}
