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
        score.BusinessDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture).ShouldBe(expected.GetProperty("day").GetString());
        score.Items.ShouldBe(expected.GetProperty("items").GetInt32());
        score.Points.ShouldBe(expected.GetProperty("points").GetDouble());
        score.ClockedMinutes.ShouldBe(expected.GetProperty("clocked_minutes").GetDouble());
        score.ActiveMinutes.ShouldBe(expected.GetProperty("active_minutes").GetDouble());
        score.IdleMinutes.ShouldBe(expected.GetProperty("idle_minutes").GetDouble());
        score.Utilization.ShouldBe(expected.GetProperty("utilization").GetDouble());
        score.StandardMinutes.ShouldBe(expected.GetProperty("standard_minutes").GetDouble());
        var performance = expected.GetProperty("performance");
        score.Performance.ShouldBe(performance.ValueKind == JsonValueKind.Null ? null : performance.GetDouble());
        score.PrimaryRole.ShouldBe(expected.GetProperty("primary_role").GetString());
        score.UnclockedItems.ShouldBe(expected.GetProperty("unclocked_items").GetInt32());
        score.UnclockedWindows.ShouldBe(expected.GetProperty("unclocked_windows").GetInt32());
        score.Sessions.ShouldBe(expected.GetProperty("sessions").GetInt32());
        score.OpenCapped.ShouldBe(expected.GetProperty("open_capped").GetInt32());

        var periods = expected.GetProperty("idle_periods").EnumerateArray().ToList();
        score.IdlePeriods.Count.ShouldBe(periods.Count);
        for (var i = 0; i < periods.Count; i++)
        {
            score.IdlePeriods[i].StartUtc.ShouldBe(SpecExample.Instant(periods[i].GetProperty("start"))!.Value);
            score.IdlePeriods[i].EndUtc.ShouldBe(SpecExample.Instant(periods[i].GetProperty("end"))!.Value);
            score.IdlePeriods[i].ExcessMinutes.ShouldBe(periods[i].GetProperty("excess_minutes").GetDouble());
        }
    }
}
