using static Productivity.Tests.Core.Scoring.ScoringTestData;

namespace Productivity.Tests.Core.Scoring;

public sealed class ScoreCalculatorPropertyTests
{
    private static readonly IReadOnlyList<RandomDay> Days = RandomDay.Generate(400);

    [Fact]
    public void Calculate_RandomDays_ActiveNeverExceedsClocked()
    {
        foreach (var day in Days)
        {
            foreach (var score in Calculator.Calculate(day.Shifts, day.Windows, day.NowUtc))
            {
                score.ActiveMinutes.ShouldBeInRange(0, score.ClockedMinutes, $"case {day.Case}");
            }
        }
    }

    [Fact]
    public void Calculate_RandomDays_UtilizationIsARatio()
    {
        foreach (var day in Days)
        {
            foreach (var score in Calculator.Calculate(day.Shifts, day.Windows, day.NowUtc))
            {
                score.Utilization.ShouldBeInRange(0, 1, $"case {day.Case}");
            }
        }
    }

    [Fact]
    public void Calculate_RandomDays_IdleIsClockedMinusActiveWithinRounding()
    {
        foreach (var day in Days)
        {
            foreach (var score in Calculator.Calculate(day.Shifts, day.Windows, day.NowUtc))
            {
                score.IdleMinutes.ShouldBe(score.ClockedMinutes - score.ActiveMinutes, 0.0100001, $"case {day.Case}");
            }
        }
    }

    [Fact]
    public void Calculate_RandomDays_CountsEveryWindowOnce()
    {
        foreach (var day in Days)
        {
            var scores = Calculator.Calculate(day.Shifts, day.Windows, day.NowUtc);

            scores.Sum(s => s.Items).ShouldBe(day.Windows.Sum(w => w.Items), $"case {day.Case}");
        }
    }

    [Fact]
    public void Calculate_RandomDaysTwice_GivesIdenticalResults()
    {
        foreach (var day in Days)
        {
            var first = Describe(Calculator.Calculate(day.Shifts, day.Windows, day.NowUtc));

            var second = Describe(Calculator.Calculate(day.Shifts, day.Windows, day.NowUtc));

            second.ShouldBe(first, $"case {day.Case}");
        }
    }

    [Fact]
    public void Calculate_RandomDaysShuffled_GivesIdenticalResults()
    {
        var random = new Random(42);
        foreach (var day in Days)
        {
            var shifts = day.Shifts.ToArray();
            var windows = day.Windows.ToArray();
            random.Shuffle(shifts);
            random.Shuffle(windows);

            var shuffled = Describe(Calculator.Calculate(shifts, windows, day.NowUtc));

            shuffled.ShouldBe(Describe(Calculator.Calculate(day.Shifts, day.Windows, day.NowUtc)), $"case {day.Case}");
        }
    }
}
