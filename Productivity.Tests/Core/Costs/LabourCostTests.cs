using System.Globalization;
using Productivity.Core.Costs;
using Productivity.Core.Scoring;
using Productivity.Core.TimeClock;
using Productivity.Tests.Core.Scoring;

namespace Productivity.Tests.Core.Costs;

/// <summary>The labour-cost definitions (README, "Labour cost") on the scoring spec's examples and on rate histories.</summary>
public sealed class LabourCostTests
{
    private static readonly DateOnly Dec10 = new(2025, 12, 10);

    public static TheoryData<string> Examples => [.. SpecExampleTests.Examples];

    [Theory]
    [MemberData(nameof(Examples))]
    public void OfDay_SpecExampleAt18AnHour_IsItsMinutesTimesTheRate(string fileName)
    {
        var example = SpecExample.Load(fileName);
        var scores = ScoringTestData.Calculator.Calculate(example.Sessions, example.Windows, example.NowUtc);

        for (var i = 0; i < scores.Count; i++)
        {
            var day = scores[i];
            var expected = example.Expected[i];
            var clocked = (decimal)expected.GetProperty("clocked_minutes").GetDouble();
            var idle = (decimal)expected.GetProperty("idle_minutes").GetDouble();
            var items = expected.GetProperty("items").GetInt32();
            var standard = (decimal)expected.GetProperty("standard_minutes").GetDouble();

            // No example has a paid break: paid minutes are the clocked minutes.
            day.PaidMinutes.ShouldBe((double)clocked);
            var cost = LabourCost.OfDay(18m, day.PaidMinutes, day.IdleMinutes, day.Items, day.StandardMinutes);
            cost.HourlyRate.ShouldBe(18m);
            cost.LabourCost.ShouldBe(Math.Round(clocked * 18m / 60m, 2, MidpointRounding.AwayFromZero));
            cost.IdleCost.ShouldBe(Math.Round(idle * 18m / 60m, 2, MidpointRounding.AwayFromZero));
            cost.CostPerItem.ShouldBe(items == 0 ? null : Math.Round(clocked * 18m / 60m / items, 2, MidpointRounding.AwayFromZero));
            cost.CostPerStandardHour.ShouldBe(standard == 0 ? null : Math.Round(clocked * 18m / standard, 2, MidpointRounding.AwayFromZero));
        }
    }

    [Fact]
    public void OfDay_ExampleA_GivesTheHandComputedMoney()
    {
        // Example A: 480 clocked and paid minutes, 0 idle, 322 items, 483 standard minutes; at 18.50 an hour.
        var cost = LabourCost.OfDay(18.50m, 480, 0, 322, 483);

        cost.ShouldBe(new DayCost(18.50m, 148.00m, 0.00m, 0.46m, 18.39m));
    }

    [Theory]
    [InlineData(false, 480.0)]
    [InlineData(true, 510.0)]
    public void Calculate_SplitShiftBreakMarkedPaid_AddsItsMinutesToPaidMinutesOnly(bool isPaid, double paidMinutes)
    {
        // Example F: a 30-minute manual break splits the day into two shifts that are one session.
        var example = SpecExample.Load("F-split-shift-with-break.json");
        var sessions = ClockSessions.Join(
                example.Shifts.Select((s, i) => new ClockShift(i + 1, s.ClockInUtc, s.ClockOutUtc)),
                example.ManualBreaks.Select((b, i) => new BreakSpan(i + 1, b.StartUtc, b.EndUtc, "Lunch", isPaid)))
            .Select(ScoringShift.From).ToList();

        var day = ScoringTestData.Calculator.Calculate(sessions, example.Windows, example.NowUtc).ShouldHaveSingleItem();

        day.PaidMinutes.ShouldBe(paidMinutes);
        day.ClockedMinutes.ShouldBe(480);
        day.IdleMinutes.ShouldBe(0);
    }

    [Fact]
    public void Calculate_PaidBreakReachingPastTheSession_IsClippedToIt()
    {
        var clockIn = new DateTime(2025, 12, 10, 14, 0, 0, DateTimeKind.Utc);
        var shift = new ScoringShift("1", clockIn, clockIn.AddHours(2),
            [new ScoringBreak(clockIn.AddMinutes(-30), clockIn.AddMinutes(15), IsPaid: true)]);

        var day = ScoringTestData.Calculator.Calculate([shift], [], clockIn.AddHours(3)).ShouldHaveSingleItem();

        day.ClockedMinutes.ShouldBe(105);
        day.PaidMinutes.ShouldBe(120);
    }

    [Fact]
    public void OfDay_WithoutARate_HasNoMoneyAtAll()
    {
        LabourCost.OfDay(null, 480, 30, 100, 400).ShouldBe(DayCost.None);
    }

    [Fact]
    public void OfDay_NoItemsOrNoStandardMinutes_LeavesThoseRatiosEmpty()
    {
        var cost = LabourCost.OfDay(20m, 60, 60, 0, 0);

        cost.LabourCost.ShouldBe(20.00m);
        cost.CostPerItem.ShouldBeNull();
        cost.CostPerStandardHour.ShouldBeNull();
    }

    [Theory]
    [InlineData("0.125", "0.13")]
    [InlineData("0.135", "0.14")]
    [InlineData("0.124999", "0.12")]
    [InlineData("-0.125", "-0.13")]
    [InlineData("2.675", "2.68")]
    public void Money_RoundsHalfAwayFromZeroToCents(string value, string expected)
    {
        LabourCost.Money(decimal.Parse(value, CultureInfo.InvariantCulture)).ShouldBe(decimal.Parse(expected, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void OfDay_RoundsOnlyAtTheEnd()
    {
        // 7 minutes at 10.01 = 1.167833…: labour 1.17; per item over 3 items uses the unrounded labour, 0.389277… → 0.39.
        var cost = LabourCost.OfDay(10.01m, 7, 0, 3, 7);

        cost.LabourCost.ShouldBe(1.17m);
        cost.CostPerItem.ShouldBe(0.39m);
        cost.CostPerStandardHour.ShouldBe(10.01m);
    }

    [Fact]
    public void RateOn_ARateChangeInsideARange_TakesTheLatestEffectiveOnOrBeforeEachDay()
    {
        var book = new RateBook([Employee(1, 15m, Dec10.AddDays(-9)), Employee(1, 18m, Dec10)]);

        book.RateOn(1, null, Dec10.AddDays(-10)).ShouldBeNull();
        book.RateOn(1, null, Dec10.AddDays(-9)).ShouldBe(15m);
        book.RateOn(1, null, Dec10.AddDays(-1)).ShouldBe(15m);
        book.RateOn(1, null, Dec10).ShouldBe(18m);
        book.RateOn(1, null, Dec10.AddDays(100)).ShouldBe(18m);
    }

    [Fact]
    public void RateOn_EmployeeWithoutOwnRate_TakesThePrimaryRolesDefaultOfThatDay()
    {
        var book = new RateBook([Role("Picker", 16m, Dec10.AddDays(-30)), Role("Picker", 17m, Dec10), Employee(2, 21m, Dec10.AddDays(5))]);

        book.RateOn(1, "Picker", Dec10.AddDays(-1)).ShouldBe(16m);
        book.RateOn(1, "Picker", Dec10).ShouldBe(17m);
        book.RateOn(1, "Packer", Dec10).ShouldBeNull();
        book.RateOn(1, null, Dec10).ShouldBeNull();
        // An own rate wins from its day on; before it the role's default applies.
        book.RateOn(2, "Picker", Dec10.AddDays(4)).ShouldBe(17m);
        book.RateOn(2, "Picker", Dec10.AddDays(5)).ShouldBe(21m);
    }

    [Fact]
    public void RateOn_AnEntryAdded_ChangesItsDaysUpToTheNextEntryOnly()
    {
        // What a rate change rescores: the days whose rate differs between the histories before and after it.
        PayRate[] history = [Employee(1, 15m, Dec10.AddDays(-5)), Employee(1, 17m, Dec10.AddDays(7))];
        var before = new RateBook(history);
        var after = new RateBook([.. history, Employee(1, 16m, Dec10)]);

        var changed = Enumerable.Range(-10, 30).Select(Dec10.AddDays)
            .Where(day => before.RateOn(1, null, day) != after.RateOn(1, null, day)).ToList();

        (changed.Min(), changed.Max(), changed.Count).ShouldBe((Dec10, Dec10.AddDays(6), 7));
    }

    [Fact]
    public void CostTotal_OfAGroup_IsTheRatioOfItsSumsNeverTheAverageOfRatios()
    {
        // Day 1: 10.00 for 100 items (0.10 each); day 2: 30.00 for 10 items (3.00 each); a day without a rate adds nothing
        // but is counted. Average of ratios would be 1.55; the group's cost per item is 40 / 110 = 0.36.
        var total = new CostTotal()
            .Add(10.00m, 1.00m, 100, 60, 50)
            .Add(30.00m, 3.00m, 10, 120, 10)
            .Add(null, null, 500, 480, 400);

        total.LabourCost.ShouldBe(40.00m);
        total.IdleCost.ShouldBe(4.00m);
        total.Items.ShouldBe(110);
        total.CostPerItem.ShouldBe(0.36m);
        total.CostPerStandardHour.ShouldBe(40.00m);
        total.IdleShare.ShouldBe(0.1);
        (total.CostedDays, total.UncostedDays).ShouldBe((2, 1));
    }

    [Theory]
    [InlineData("123,18.50,2025-12-01", null)]
    [InlineData(" \"123\" , 18 , 2025-12-01 ", null)]
    [InlineData("123,18.50", RateProblem.WrongColumnCount)]
    [InlineData("abc,18.50,2025-12-01", RateProblem.InvalidUserId)]
    [InlineData("-5,18.50,2025-12-01", RateProblem.InvalidUserId)]
    [InlineData("123,18;50,2025-12-01", RateProblem.InvalidRate)]
    [InlineData("123,-1,2025-12-01", RateProblem.InvalidRate)]
    [InlineData("123,0,2025-12-01", RateProblem.RateNotPositive)]
    [InlineData("123,10000.01,2025-12-01", RateProblem.RateTooHigh)]
    [InlineData("123,18.12345,2025-12-01", RateProblem.RateTooPrecise)]
    [InlineData("123,18.50,12/01/2025", RateProblem.InvalidDate)]
    public void Parse_RateLine_AcceptsOrNamesTheProblem(string line, RateProblem? problem)
    {
        var parsed = RateLine.Parse(line, out var found, out _);

        found.ShouldBe(problem);
        (parsed is null).ShouldBe(problem is not null);
    }

    private static PayRate Employee(int id, decimal rate, DateOnly from) => new() { EmployeeId = id, HourlyRate = rate, EffectiveFrom = from };

    private static PayRate Role(string name, decimal rate, DateOnly from) => new() { RoleName = name, HourlyRate = rate, EffectiveFrom = from };
}
