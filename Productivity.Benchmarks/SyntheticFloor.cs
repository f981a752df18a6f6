namespace Productivity.Benchmarks;

/// <summary>
/// A deterministic warehouse floor in America/Chicago (or the zone given): employees with a Connecteam user and a PodFactory e-mail,
/// one shift per business day 06:00–14:30 (clock-in a few minutes either side) with a lunch break 11:30–12:00, and
/// PodFactory windows on the 10-minute grid over the five seeded actions (mostly the employee's own, some others),
/// with idle gaps of 10–30 minutes (about 3 % of slots) and no windows at lunch.
/// </summary>
public sealed class SyntheticFloor
{
    public static readonly string[] Actions = ["In Production", "QC Passed", "Picking", "Labeling", "Film Matching"];
    public static readonly string[] Roles = ["Heat Pressing", "Packing and Shipping", "Picker", "Labeler", "Film Matching"];
    private static readonly int[] ItemsPerWindow = [7, 8, 33, 33, 22];
    private static readonly string[] FirstNames = ["Ana", "Ben", "Cara", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivan", "Jo", "Kai", "Lea", "Max", "Nia", "Omar", "Pia"];
    private static readonly string[] LastNames = ["Lopez", "Ng", "Diaz", "Patel", "Kim", "Olsen", "Reyes", "Smith", "Tran", "Young", "Zhou", "Berg", "Cruz", "Hall", "Ito"];

    private SyntheticFloor(TimeZoneInfo zone, List<FloorEmployee> employees, List<FloorShift> shifts, List<FloorWindow> windows)
    {
        TimeZone = zone;
        Employees = employees;
        Shifts = shifts;
        Windows = windows;
    }

    public TimeZoneInfo TimeZone { get; }
    public IReadOnlyList<FloorEmployee> Employees { get; }
    public IReadOnlyList<FloorShift> Shifts { get; }

    /// <summary>Ordered as PodFactory commits them: by created_at (window end plus up to 90 s).</summary>
    public IReadOnlyList<FloorWindow> Windows { get; }

    public static SyntheticFloor Build(int employeeCount, IReadOnlyList<DateOnly> days, int seed = 42, TimeZoneInfo? zone = null)
    {
        zone ??= TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        var random = new Random(seed);
        var employees = new List<FloorEmployee>(employeeCount);
        for (var e = 0; e < employeeCount; e++)
        {
            var first = FirstNames[e % FirstNames.Length];
            var last = LastNames[(e / FirstNames.Length) % LastNames.Length];
            employees.Add(new FloorEmployee(e, $"{first} {last} {e + 1}", $"{first}.{last}.{e + 1}@floor.example".ToLowerInvariant(),
                100_000 + e, e % Actions.Length));
        }

        var shifts = new List<FloorShift>();
        var windows = new List<FloorWindow>();
        foreach (var day in days)
        {
            DateTime Local(int hour, int minute) =>
                TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, 0)).AddMinutes(minute), zone);

            var gridStart = Local(6, 0);
            var gridEnd = Local(14, 30);
            var lunchStart = Local(11, 30);
            var lunchEnd = Local(12, 0);
            foreach (var employee in employees)
            {
                shifts.Add(new FloorShift(employee.Index, day, gridStart.AddMinutes(random.Next(-6, 5)), gridEnd.AddMinutes(random.Next(-3, 8)),
                    lunchStart.AddMinutes(random.Next(-2, 3)), lunchEnd.AddMinutes(random.Next(-1, 4))));
                for (var slot = gridStart; slot < gridEnd; slot = slot.AddMinutes(10))
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
                    var action = random.Next(10) == 0 ? random.Next(Actions.Length) : employee.MainAction;
                    var items = Math.Max(0, ItemsPerWindow[action] + random.Next(-3, 4));
                    var end = slot.AddMinutes(10);
                    windows.Add(new FloorWindow(employee.Index, action, items, slot, end, end.AddSeconds(random.Next(5, 90))));
                }
            }
        }
        windows.Sort((a, b) => a.CreatedUtc.CompareTo(b.CreatedUtc));
        return new SyntheticFloor(zone, employees, shifts, windows);
    }

    /// <summary>The weekdays of a week, Monday first, starting at <paramref name="monday"/>.</summary>
    public static List<DateOnly> Weekdays(DateOnly monday, int count) => [.. Enumerable.Range(0, count).Select(i => monday.AddDays(i))];
}
