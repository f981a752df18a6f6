using Productivity.Core.Integrations;

namespace Productivity.Infrastructure.Integrations.Demo;

/// <summary>
/// Plans one day of the demo floor. Everything comes from a Random seeded by (seed, day, person), so a day is
/// always planned the same way, whatever "now" is; "now" only decides how much of the plan is visible.
/// </summary>
internal static class DemoDayGenerator
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Lunch = TimeSpan.FromMinutes(30);

    public static DemoDayPlan Generate(DateOnly day, IReadOnlyList<DemoPerson> people, TimeZoneInfo siteTimeZone, int seed)
    {
        List<DemoShiftPlan> shifts = [];
        List<PodFactoryRow> rows = [];
        var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        foreach (var person in people)
        {
            var random = new Random(Seed(seed, day, person.Index));
            // About one no-show a day during the week; a skeleton crew at weekends.
            if (random.NextDouble() >= (weekend ? 0.3 : 0.95))
            {
                continue;
            }
            var shift = PlanShift(day, person, siteTimeZone, random);
            shifts.Add(shift);
            rows.AddRange(PlanWindows(shift, random));
        }
        rows.Sort(static (a, b) => a.CreatedUtc != b.CreatedUtc ? a.CreatedUtc.CompareTo(b.CreatedUtc) : a.Id.CompareTo(b.Id));
        return new DemoDayPlan(day, shifts, rows);
    }

    private static DemoShiftPlan PlanShift(DateOnly day, DemoPerson person, TimeZoneInfo siteTimeZone, Random random)
    {
        var startHour = person.Pattern switch
        {
            DemoShiftPattern.Late => 14,
            DemoShiftPattern.Night => 22,
            _ => 6,
        };
        var localStart = day.ToDateTime(new TimeOnly(startHour, 0)).AddSeconds(random.Next(-30 * 60, (30 * 60) + 1));
        var start = ToUtc(localStart, siteTimeZone);
        var end = start.AddMinutes(510 + random.Next(-10, 21)).AddSeconds(random.Next(0, 60));
        var breakStart = start.AddMinutes(240 + random.Next(-30, 61)).AddSeconds(random.Next(0, 60));
        return new DemoShiftPlan(
            person, day, Id(day, person, 1), start, end, Id(day, person, 2), breakStart, breakStart + Lunch);
    }

    private static IEnumerable<PodFactoryRow> PlanWindows(DemoShiftPlan shift, Random random)
    {
        var person = shift.Person;
        var afternoon = person.SecondStation is not null && random.NextDouble() < 0.7 ? person.SecondStation : person.Station;
        var idle = PlanIdleStretches(shift, person, random);
        (DateTime From, DateTime To, DemoStation Station)[] segments =
        [
            (shift.StartUtc.AddMinutes(Slack(person, random)), shift.BreakStartUtc, person.Station),
            (shift.BreakEndUtc.AddMinutes(random.Next(0, 6)), shift.EndUtc.AddMinutes(-Slack(person, random)), afternoon),
        ];

        var windowIndex = 0;
        foreach (var (from, to, station) in segments)
        {
            for (var start = CeilToWindow(from); start + Window <= to; start += Window)
            {
                var end = start + Window;
                var index = windowIndex++;
                // A short pause now and then (one window), and the planned idle stretches.
                if (random.NextDouble() < 0.03 || idle.Any(s => start < s.To && end > s.From))
                {
                    continue;
                }
                var perWindow = station.ExpectedPerHour / 6 * person.Pace * (0.75 + (0.5 * random.NextDouble()));
                var created = end.AddSeconds(random.Next(60, 121));
                yield return new PodFactoryRow(
                    RowId(shift.Day, person, index), person.PodFactoryEmail, person.PodFactoryName, person.Station.Role,
                    station.Action, (int)Math.Round(perWindow), start, end, created);
            }
        }
    }

    private static List<(DateTime From, DateTime To)> PlanIdleStretches(DemoShiftPlan shift, DemoPerson person, Random random)
    {
        // Up to five stretches; an idle-prone person averages about three, a diligent one about one every other day.
        var count = Enumerable.Range(0, 5).Count(_ => random.NextDouble() < person.IdleChance * 0.7);
        var minutes = (int)(shift.EndUtc - shift.StartUtc).TotalMinutes;
        List<(DateTime From, DateTime To)> stretches = [];
        for (var i = 0; i < count; i++)
        {
            var from = shift.StartUtc.AddMinutes(random.Next(30, minutes - 60));
            stretches.Add((from, from.AddMinutes(random.Next(20, 61))));
        }
        return stretches;
    }

    // Minutes between clock-in and the first window (or the last window and clock-out): usually a few, now and then
    // (more often for an idle-prone person) a slow start or an early wrap-up beyond the allowances.
    private static int Slack(DemoPerson person, Random random) =>
        random.NextDouble() < person.IdleChance * 0.3 ? random.Next(15, 36) : random.Next(0, 9);

    // Windows sit on the 10-minute grid, as PodFactory's reporting windows do.
    private static DateTime CeilToWindow(DateTime utc)
    {
        var ticks = Window.Ticks;
        return new DateTime((utc.Ticks + ticks - 1) / ticks * ticks, DateTimeKind.Utc);
    }

    private static DateTime ToUtc(DateTime local, TimeZoneInfo siteTimeZone)
    {
        // A start inside a spring-forward gap moves to the first valid minute.
        while (siteTimeZone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }
        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), siteTimeZone);
    }

    // Stable, unique and readable: day number, person and window index (fewer than 1,000 windows a shift).
    private static long RowId(DateOnly day, DemoPerson person, int windowIndex) =>
        (day.DayNumber * 100_000L) + (person.Index * 1_000L) + windowIndex;

    // Connecteam ids are 24 hex characters.
    private static string Id(DateOnly day, DemoPerson person, int kind) => $"{day.DayNumber:x8}{person.Index:x8}{kind:x8}";

    private static int Seed(int seed, DateOnly day, int personIndex)
    {
        unchecked
        {
            var hash = seed;
            hash = (hash * 486_187_739) + day.DayNumber;
            hash = (hash * 486_187_739) + personIndex;
            return hash;
        }
    }
}
