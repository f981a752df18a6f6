using System.Text.Json;
using Productivity.Core.Scoring;

namespace Productivity.Tests.Core.Scoring;

/// <summary>A worked example of scoring.md read from Fixtures/spec/*.json (input rows and expected score rows).</summary>
internal sealed record SpecExample(
    DateTime NowUtc,
    IReadOnlyList<ScoringShift> Shifts,
    IReadOnlyList<ScoringWindow> Windows,
    IReadOnlyList<JsonElement> Expected)
{
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
            windows,
            [.. document.RootElement.GetProperty("expected").EnumerateArray().Select(row => row.Clone())]);
    }

    public static DateTime? Instant(JsonElement value) =>
        value.ValueKind == JsonValueKind.Null ? null : ScoringTestData.Utc(value.GetString()!);
}
