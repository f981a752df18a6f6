using System.Globalization;
using System.Text;
using Productivity.Core.Scoring;

namespace Productivity.Tests.Core.Scoring;

/// <summary>Builders for scoring inputs in site-local time (America/Chicago) and a canonical text form of results.</summary>
internal static class ScoringTestData
{
    public static TimeZoneInfo Chicago { get; } = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    public static ScoreCalculator Calculator { get; } = new(RoleTable.Default, ScoringParameters.Default, Chicago);

    public static DateTime Local(int year, int month, int day, int hour, int minute) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified), Chicago);

    /// <summary>A time on 2025-12-10, the day of the spec examples (CST, UTC−6).</summary>
    public static DateTime At(int hour, int minute) => Local(2025, 12, 10, hour, minute);

    public static DateTime Utc(string iso) =>
        DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcDateTime;

    public static ScoringShift Shift(string id, DateTime clockIn, DateTime? clockOut, params ScoringBreak[] breaks) =>
        new(id, clockIn, clockOut, breaks);

    public static ScoringWindow Window(long id, string action, int items, DateTime start, int minutes = 10) =>
        new(id, action, items, start, start.AddMinutes(minutes));

    /// <summary><paramref name="count"/> consecutive 10-minute windows from <paramref name="first"/>, ids from <paramref name="firstId"/>.</summary>
    public static List<ScoringWindow> WindowRun(long firstId, string action, int items, DateTime first, int count)
    {
        var windows = new List<ScoringWindow>(count);
        for (var i = 0; i < count; i++)
        {
            windows.Add(Window(firstId + i, action, items, first.AddMinutes(10 * i)));
        }
        return windows;
    }

    public static string Describe(IEnumerable<EmployeeDayScore> scores)
    {
        var text = new StringBuilder();
        foreach (var score in scores)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{score.BusinessDay:yyyy-MM-dd} items={score.Items} points={score.Points:R} clocked={score.ClockedMinutes:R} ");
            text.Append(CultureInfo.InvariantCulture,
                $"active={score.ActiveMinutes:R} idle={score.IdleMinutes:R} util={score.Utilization:R} std={score.StandardMinutes:R} ");
            text.Append(CultureInfo.InvariantCulture,
                $"perf={score.Performance?.ToString("R", CultureInfo.InvariantCulture) ?? "-"} role={score.PrimaryRole ?? "-"} ");
            text.Append(CultureInfo.InvariantCulture,
                $"unclocked={score.UnclockedItems}/{score.UnclockedWindows} sessions={score.Sessions} capped={score.OpenCapped}\n");
            foreach (var period in score.IdlePeriods)
            {
                text.Append(CultureInfo.InvariantCulture, $"  idle {period}\n");
            }
            foreach (var flag in score.Flags)
            {
                text.Append(CultureInfo.InvariantCulture, $"  flag {flag}\n");
            }
        }
        return text.ToString();
    }
}
