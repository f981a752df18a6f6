using System.Globalization;
using System.Text.Json;
using Productivity.Core.Scoring;

namespace Productivity.Tests.Core.Scoring;

public sealed class SpecExampleTests
{
    public static TheoryData<string> Examples =>
    [
        "A-continuous-with-break.json",
        "B-batch-gaps.json",
        "C-two-sessions-and-unclocked.json",
        "D-open-shift.json",
        "E-night-shift.json",
        "F-split-shift-with-break.json",
        "G-on-break-now.json",
        "H-night-shift-split-after-midnight.json",
    ];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Calculate_SpecExample_MatchesEveryExpectedRow(string fileName)
    {
        var example = SpecExample.Load(fileName);

        var scores = ScoringTestData.Calculator.Calculate(example.Sessions, example.Windows, example.NowUtc);

        scores.Count.ShouldBe(example.Expected.Count);
        for (var i = 0; i < scores.Count; i++)
        {
            ShouldMatch(scores[i], example.Expected[i]);
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Calculate_SpecExampleForItsDayOnly_MatchesAllDaysResult(string fileName)
    {
        var example = SpecExample.Load(fileName);
        var day = DateOnly.Parse(example.Expected[0].GetProperty("day").GetString()!, CultureInfo.InvariantCulture);

        var oneDay = ScoringTestData.Calculator.Calculate(example.Sessions, example.Windows, example.NowUtc, day, day);

        ScoringTestData.Describe(oneDay).ShouldBe(
            ScoringTestData.Describe(ScoringTestData.Calculator.Calculate(example.Sessions, example.Windows, example.NowUtc)));
    }

    private static void ShouldMatch(EmployeeDayScore score, JsonElement expected)
    {
        SpecExample.ShouldMatchNumbers(score, expected);
        score.IdlePeriods.Select(p => (p.StartUtc, p.EndUtc, p.ExcessMinutes)).ShouldBe(SpecExample.ExpectedIdlePeriods(expected));
    }
}
