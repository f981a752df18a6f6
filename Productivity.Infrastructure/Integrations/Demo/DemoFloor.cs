using System.Collections.Concurrent;
using Productivity.Core.Integrations;

namespace Productivity.Infrastructure.Integrations.Demo;

/// <summary>
/// A simulated warehouse floor for demo mode: 35 people, their Connecteam shifts and lunch breaks, and their PodFactory
/// 10-minute windows, over the last <see cref="HistoryDays"/> days and today. The plan is deterministic (the same seed and
/// instant always give the same data); "now" from the <see cref="TimeProvider"/> only reveals it: a shift appears at
/// clock-in and gets its end at clock-out, and a window appears once its <c>created_at</c> (window end + 1–2 minutes) is past.
/// </summary>
public sealed class DemoFloor(TimeZoneInfo siteTimeZone, TimeProvider timeProvider, int seed = DemoFloor.DefaultSeed)
{
    public const int DefaultSeed = 20_251_210;
    public const int HistoryDays = 14;
    public const long ClockId = 1;
    public const string ClockName = "Demo Warehouse Clock";

    /// <summary>The demo clock's break types: an unpaid lunch and a paid short break, as a warehouse typically has.</summary>
    public static readonly IReadOnlyList<ConnecteamBreakType> BreakTypes =
        [new("demo-lunch", "Lunch", IsPaid: false), new("demo-break", "Break", IsPaid: true)];

    private readonly ConcurrentDictionary<DateOnly, DemoDayPlan> _days = new();

    public IReadOnlyList<DemoPerson> People => DemoCrew.People;

    public IReadOnlyList<ConnecteamUser> Users { get; } =
        [.. DemoCrew.People.Select(p => new ConnecteamUser(p.UserId, p.FirstName, p.LastName, p.Email, IsArchived: false))];

    public TimeZoneInfo SiteTimeZone => siteTimeZone;

    /// <summary>Seed of the simulation; another seed gives another (equally stable) floor.</summary>
    public int Seed { get; } = seed;

    public DateTime UtcNow => timeProvider.GetUtcNow().UtcDateTime;

    /// <summary>Shifts and breaks that have started by now, of the site-local days <paramref name="from"/>..<paramref name="to"/>.</summary>
    public ConnecteamActivities GetTimeActivities(DateOnly from, DateOnly to)
    {
        var now = UtcNow;
        List<ConnecteamShift> shifts = [];
        List<ConnecteamBreak> breaks = [];
        foreach (var day in VisibleDays(now).Where(d => d >= from && d <= to))
        {
            foreach (var plan in Plan(day).Shifts.Where(s => s.StartUtc <= now))
            {
                shifts.Add(new ConnecteamShift(
                    plan.ShiftId, plan.Person.UserId, ClockId, plan.StartUtc, plan.EndUtc <= now ? plan.EndUtc : null));
                if (plan.BreakStartUtc <= now)
                {
                    breaks.Add(new ConnecteamBreak(
                        plan.BreakId, plan.Person.UserId, ClockId, plan.BreakStartUtc, plan.BreakEndUtc <= now ? plan.BreakEndUtc : null));
                }
            }
        }
        // Everyone on the floor is assigned to the one demo clock, so every answer lists them all.
        return new ConnecteamActivities(shifts, breaks, [], Users.Select(u => u.UserId).ToHashSet());
    }

    /// <summary>Every PodFactory row created by now, ordered by (<c>created_at</c>, <c>id</c>).</summary>
    public IReadOnlyList<PodFactoryRow> GetRows()
    {
        var now = UtcNow;
        var rows = VisibleDays(now).SelectMany(day => Plan(day).Rows).Where(r => r.CreatedUtc <= now).ToList();
        rows.Sort(static (a, b) => a.CreatedUtc != b.CreatedUtc ? a.CreatedUtc.CompareTo(b.CreatedUtc) : a.Id.CompareTo(b.Id));
        return rows;
    }

    private IEnumerable<DateOnly> VisibleDays(DateTime nowUtc)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(nowUtc, siteTimeZone));
        if (_days.Count > HistoryDays + 8)
        {
            foreach (var old in _days.Keys.Where(d => d < today.AddDays(-HistoryDays)))
            {
                _days.TryRemove(old, out _);
            }
        }
        for (var day = today.AddDays(-HistoryDays); day <= today; day = day.AddDays(1))
        {
            yield return day;
        }
    }

    private DemoDayPlan Plan(DateOnly day) =>
        _days.GetOrAdd(day, static (d, floor) => DemoDayGenerator.Generate(d, DemoCrew.People, floor.SiteTimeZone, floor.Seed), this);
}
