using System.Globalization;
using System.Text.Json;
using Productivity.Core.Scoring;
using Productivity.Core.TimeClock;

namespace Productivity.Tests.Core.Scoring;

/// <summary>
/// A worked example of scoring.md read from Fixtures/spec/*.json (input rows and expected score rows): the shifts as
/// given (a "breaks" list inside a shift is a break inside it), the manual breaks given beside them (as Connecteam
/// records a split shift), and <see cref="Sessions"/>, the two joined as the calculator takes them.
/// </summary>
internal sealed record SpecExample(
    DateTime NowUtc,
    IReadOnlyList<ScoringShift> Shifts,
    IReadOnlyList<ScoringBreak> ManualBreaks,
    IReadOnlyList<ScoringWindow> Windows,
    IReadOnlyList<JsonElement> Expected)
{
    /// <summary>The sessions the product builds from these shifts and breaks (shifts numbered in file order).</summary>
    public IReadOnlyList<ScoringShift> Sessions => [.. ClockSessions.Join(
            Shifts.Select((s, i) => new ClockShift(i + 1, s.ClockInUtc, s.ClockOutUtc)),
            Shifts.SelectMany(s => s.Breaks).Concat(ManualBreaks).Select((b, i) => new BreakSpan(i + 1, b.StartUtc, b.EndUtc)))
        .Select(ScoringShift.From)];

    /// <summary>The worked examples of one employee each, all on 2025-12-10.</summary>
    public static readonly string[] SingleDayFiles =
        ["A-continuous-with-break.json", "B-batch-gaps.json", "C-two-sessions-and-unclocked.json", "D-open-shift.json", "E-night-shift.json"];

    /// <summary>Each of <see cref="SingleDayFiles"/> on SQLite and on MariaDB, as theory data (provider, file).</summary>
    public static IEnumerable<object[]> SingleDayFilesOnBothProviders() =>
        from provider in new[] { "Sqlite", "MySql" }
        from file in SingleDayFiles
        select new object[] { provider, file };

    public static SpecExample Load(string fileName)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "spec", fileName)));
        var input = document.RootElement.GetProperty("input");

        var shifts = new List<ScoringShift>();
        foreach (var shift in input.GetProperty("shifts").EnumerateArray())
        {
            var breaks = new List<ScoringBreak>();
            if (shift.TryGetProperty("breaks", out var breakRows))
            {
                foreach (var pair in breakRows.EnumerateArray())
                {
                    breaks.Add(new ScoringBreak(Instant(pair[0])!.Value, Instant(pair[1])));
                }
            }
            shifts.Add(new ScoringShift(
                shift.GetProperty("id").GetString()!,
                Instant(shift.GetProperty("clock_in"))!.Value,
                shift.TryGetProperty("clock_out", out var clockOut) ? Instant(clockOut) : null,
                breaks));
        }

        var manualBreaks = new List<ScoringBreak>();
        if (input.TryGetProperty("manual_breaks", out var siblings))
        {
            foreach (var item in siblings.EnumerateArray())
            {
                manualBreaks.Add(new ScoringBreak(Instant(item.GetProperty("start"))!.Value, Instant(item.GetProperty("end"))));
            }
        }

        // The fixture ids are labels ("a0", "b12"), not PodFactory row ids; number them in file order instead.
        var windows = new List<ScoringWindow>();
        foreach (var activity in input.GetProperty("activities").EnumerateArray())
        {
            windows.Add(new ScoringWindow(
                windows.Count + 1,
                activity.GetProperty("action").GetString()!,
                activity.GetProperty("items").GetInt32(),
                Instant(activity.GetProperty("window_start"))!.Value,
                Instant(activity.GetProperty("window_end"))!.Value));
        }

        return new SpecExample(
            Instant(input.GetProperty("now"))!.Value,
            shifts,
            manualBreaks,
            windows,
            [.. document.RootElement.GetProperty("expected").EnumerateArray().Select(row => row.Clone())]);
    }

    /// <summary>
    /// Checks a day's numbers against an expected row: the Core score and the stored row name them alike, so one check
    /// serves both (the property of each column is read by name; a missing one fails the test).
    /// </summary>
    public static void ShouldMatchNumbers(object score, JsonElement expected)
    {
        Property(score, "BusinessDay").ShouldBe(DateOnly.Parse(expected.GetProperty("day").GetString()!, CultureInfo.InvariantCulture), "day");
        foreach (var (column, property) in NumberColumns)
        {
            var value = expected.GetProperty(column);
            object? wanted = value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => value.GetString(),
                _ => Property(score, property) is int ? value.GetInt32() : value.GetDouble(),
            };
            Property(score, property).ShouldBe(wanted, column);
        }
    }

    /// <summary>The expected idle periods of a row, as (start, end, excess minutes).</summary>
    public static IEnumerable<(DateTime StartUtc, DateTime EndUtc, double ExcessMinutes)> ExpectedIdlePeriods(JsonElement expected) =>
        expected.GetProperty("idle_periods").EnumerateArray().Select(p =>
            (Instant(p.GetProperty("start"))!.Value, Instant(p.GetProperty("end"))!.Value, p.GetProperty("excess_minutes").GetDouble()));

    private static readonly (string Column, string Property)[] NumberColumns =
    [
        ("items", "Items"), ("points", "Points"), ("clocked_minutes", "ClockedMinutes"), ("active_minutes", "ActiveMinutes"),
        ("idle_minutes", "IdleMinutes"), ("utilization", "Utilization"), ("standard_minutes", "StandardMinutes"),
        ("performance", "Performance"), ("primary_role", "PrimaryRole"), ("unclocked_items", "UnclockedItems"),
        ("unclocked_windows", "UnclockedWindows"), ("sessions", "Sessions"), ("open_capped", "OpenCapped"),
    ];

    private static object? Property(object score, string name) =>
        (score.GetType().GetProperty(name) ?? throw new InvalidOperationException($"{score.GetType().Name} has no {name}.")).GetValue(score);

    public static DateTime? Instant(JsonElement value) =>
        value.ValueKind == JsonValueKind.Null ? null : ScoringTestData.Utc(value.GetString()!);
}
