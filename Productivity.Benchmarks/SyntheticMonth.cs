using Productivity.Core.Scoring;

namespace Productivity.Benchmarks;

/// <summary>
/// A deterministic month (December 2025, America/Chicago) for many employees: shifts 06:00–14:30 with a lunch break
/// 11:30–12:00 on weekdays and one Saturday, 10-minute windows over the five seeded actions, a few idle gaps.
/// </summary>
public sealed class SyntheticMonth
{
    private static readonly string[] Actions = ["In Production", "QC Passed", "Picking", "Labeling", "Film Matching"];
    private static readonly int[] ItemsPerWindow = [7, 8, 33, 33, 22];

    private SyntheticMonth(TimeZoneInfo timeZone, IReadOnlyList<EmployeeMonth> employees, DateTime nowUtc)
    {
        TimeZone = timeZone;
        Employees = employees;
        NowUtc = nowUtc;
        WindowCount = employees.Sum(e => e.Windows.Count);
    }

    public TimeZoneInfo TimeZone { get; }
    public IReadOnlyList<EmployeeMonth> Employees { get; }
    public DateTime NowUtc { get; }
    public int WindowCount { get; }

    public static SyntheticMonth Build(int employeeCount, int seed = 42)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        var random = new Random(seed);
        var employees = new EmployeeMonth[employeeCount];
        long nextWindowId = 1;
        for (var e = 0; e < employeeCount; e++)
        {
            var mainAction = e % Actions.Length;
            var saturday = 6 + (7 * (e % 4));
            var shifts = new List<ScoringShift>();
            var windows = new List<ScoringWindow>();
            for (var dayOfMonth = 1; dayOfMonth <= 31; dayOfMonth++)
            {
                var date = new DateTime(2025, 12, dayOfMonth, 0, 0, 0, DateTimeKind.Unspecified);
                if ((date.DayOfWeek is DayOfWeek.Saturday && dayOfMonth != saturday) || date.DayOfWeek is DayOfWeek.Sunday)
                {
                    continue;
                }
                DateTime Local(int hour, int minute) => TimeZoneInfo.ConvertTimeToUtc(date.AddHours(hour).AddMinutes(minute), zone);

                var lunchStart = Local(11, 30);
                var lunchEnd = Local(12, 0);
                shifts.Add(new ScoringShift($"{e}-{dayOfMonth}", Local(6, 0), Local(14, 30), [new ScoringBreak(lunchStart, lunchEnd)]));

                var start = Local(6, 0);
                var end = Local(14, 30);
                for (var slot = start; slot < end; slot = slot.AddMinutes(10))
                {
                    if (slot >= lunchStart && slot < lunchEnd)
                    {
                        continue;
                    }
                    if (random.Next(100) < 3)
                    {
                        slot = slot.AddMinutes(10 * random.Next(0, 3));
                        continue;
                    }
                    var action = random.Next(10) == 0 ? random.Next(Actions.Length) : mainAction;
                    var items = Math.Max(0, ItemsPerWindow[action] + random.Next(-3, 4));
                    windows.Add(new ScoringWindow(nextWindowId++, Actions[action], items, slot, slot.AddMinutes(10)));
                }
            }
            employees[e] = new EmployeeMonth(shifts, windows);
        }
        return new SyntheticMonth(zone, employees, new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc));
    }
}
