using Productivity.Core.Scoring;

namespace Productivity.Tests.Core.Scoring;

/// <summary>A pseudo-random employee day: odd shift lengths, open shifts and breaks, overlapping windows, unknown actions.</summary>
internal sealed record RandomDay(int Case, ScoringShift[] Shifts, ScoringWindow[] Windows, DateTime NowUtc)
{
    private static readonly string[] Actions = ["In Production", "QC Passed", "Picking", "Labeling", "Film Matching", "Mystery"];

    private static readonly DateTime[] Days =
    [
        ScoringTestData.Local(2025, 12, 10, 0, 0),
        ScoringTestData.Local(2026, 3, 8, 0, 0),
        ScoringTestData.Local(2026, 6, 15, 0, 0),
        ScoringTestData.Local(2026, 11, 1, 0, 0),
    ];

    /// <summary>The same <paramref name="count"/> days on every call (seed 42).</summary>
    public static IReadOnlyList<RandomDay> Generate(int count)
    {
        var random = new Random(42);
        var days = new RandomDay[count];
        for (var i = 0; i < count; i++)
        {
            var dayStart = Days[random.Next(Days.Length)];
            var shifts = new ScoringShift[random.Next(0, 4)];
            for (var s = 0; s < shifts.Length; s++)
            {
                var clockIn = dayStart.AddMinutes(random.Next(0, 20 * 60)).AddSeconds(random.Next(60));
                var length = TimeSpan.FromMinutes(random.Next(30, 14 * 60)).Add(TimeSpan.FromSeconds(random.Next(60)));
                var breaks = new ScoringBreak[random.Next(0, 3)];
                for (var b = 0; b < breaks.Length; b++)
                {
                    var breakStart = clockIn.AddMinutes(random.Next(-30, (int)length.TotalMinutes + 30));
                    breaks[b] = new ScoringBreak(breakStart, random.Next(10) == 0 ? null : breakStart.AddMinutes(random.Next(1, 90)));
                }
                shifts[s] = new ScoringShift($"s{s}", clockIn, random.Next(5) == 0 ? null : clockIn + length, breaks);
            }

            var windows = new ScoringWindow[random.Next(0, 80)];
            for (var w = 0; w < windows.Length; w++)
            {
                // Mostly on PodFactory's 10-minute grid, so that windows often share start and end.
                var start = random.Next(4) == 0
                    ? dayStart.AddMinutes(random.Next(-120, 26 * 60)).AddSeconds(random.Next(60))
                    : dayStart.AddMinutes(10 * random.Next(-12, 26 * 6));
                var minutes = random.Next(10) == 0 ? random.Next(1, 16) : 10;
                windows[w] = new ScoringWindow(
                    random.Next(1, 60), Actions[random.Next(Actions.Length)], random.Next(0, 61), start, start.AddMinutes(minutes));
            }

            days[i] = new RandomDay(i, shifts, windows, dayStart.AddMinutes(random.Next(6 * 60, 48 * 60)));
        }
        return days;
    }
}
