using Microsoft.EntityFrameworkCore;
using Productivity.Core.Dashboard;
using Productivity.Core.Time;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Scoring;

namespace Productivity.Infrastructure.Dashboard;

/// <summary>
/// Items per (employee, action) over a range of business days, attributed exactly as the scores are (scoring.md
/// "Sessions and business days": a window belongs to the first session it overlaps, else to the day it starts).
/// </summary>
/// <remarks>
/// For almost everyone the day a window starts on is its business day, so reading the windows that start in the range
/// is exact. The exception is a person with a session that runs past its day's midnight (a night shift) or starts just
/// after midnight (a window begun before midnight may belong to it); only their windows are read one day wider and
/// attributed one by one. A single day reads its windows (the hourly chart needs them); a longer range lets the
/// database sum them.
/// </remarks>
internal static class ActionItemAttribution
{
    /// <summary>How far into a day a session may start and still own a window begun on the day before (windows are 10 minutes).</summary>
    private static readonly TimeSpan EarlySessionSlack = TimeSpan.FromHours(1);

    /// <param name="shifts">The sessions of the days from the day before the range to the day after it.</param>
    public static async Task<AttributedItems> LoadAsync(ProductivityDbContext db, SiteClock siteClock,
        DashboardRange range, IReadOnlyList<SessionSpan> shifts, DateTime nowUtc, TimeSpan openShiftCap, CancellationToken cancellationToken)
    {
        var (start, _) = siteClock.UtcRangeOf(range.From);
        var (_, end) = siteClock.UtcRangeOf(range.To);
        var sessions = Sessions(shifts, nowUtc, openShiftCap);
        var bounds = new Dictionary<DateOnly, (DateTime Start, DateTime End)>();
        var exact = sessions
            .Where(s =>
            {
                if (!bounds.TryGetValue(s.Day, out var day))
                {
                    bounds[s.Day] = day = siteClock.UtcRangeOf(s.Day);
                }
                return s.Out > day.End || s.In < day.Start + EarlySessionSlack;
            })
            .Select(s => s.EmployeeId)
            .ToList();
        var exactSet = exact.ToHashSet();

        var items = new Dictionary<(int EmployeeId, string Action), int>();
        var dayWindows = new List<(int EmployeeId, DateTime StartUtc, int Items)>();
        var inRange = db.Activities.AsNoTracking()
            .Where(a => a.EmployeeId != null && !exact.Contains(a.EmployeeId.Value) && a.WindowStartUtc >= start && a.WindowStartUtc < end);
        if (range.IsSingleDay)
        {
            foreach (var window in await inRange
                         .Select(a => new { EmployeeId = a.EmployeeId!.Value, a.Action, a.ItemsCount, a.WindowStartUtc })
                         .ToListAsync(cancellationToken))
            {
                Add(items, window.EmployeeId, window.Action, window.ItemsCount);
                dayWindows.Add((window.EmployeeId, window.WindowStartUtc, window.ItemsCount));
            }
        }
        else
        {
            foreach (var group in await inRange
                         .GroupBy(a => new { EmployeeId = a.EmployeeId!.Value, a.Action })
                         .Select(g => new { g.Key.EmployeeId, g.Key.Action, Items = g.Sum(a => a.ItemsCount) })
                         .ToListAsync(cancellationToken))
            {
                Add(items, group.EmployeeId, group.Action, group.Items);
            }
        }
        if (exact.Count == 0)
        {
            return new AttributedItems(items, dayWindows);
        }

        var (wideStart, _) = siteClock.UtcRangeOf(range.From.AddDays(-1));
        var (_, wideEnd) = siteClock.UtcRangeOf(range.To.AddDays(1));
        var windows = await db.Activities.AsNoTracking()
            .Where(a => a.EmployeeId != null && exact.Contains(a.EmployeeId.Value) && a.WindowStartUtc >= wideStart && a.WindowStartUtc < wideEnd)
            .Select(a => new { EmployeeId = a.EmployeeId!.Value, a.Action, a.ItemsCount, a.WindowStartUtc, a.WindowEndUtc })
            .ToListAsync(cancellationToken);
        var sessionsOf = sessions.Where(s => exactSet.Contains(s.EmployeeId)).GroupBy(s => s.EmployeeId).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var window in windows)
        {
            var windowEnd = window.WindowEndUtc > window.WindowStartUtc ? window.WindowEndUtc : window.WindowStartUtc;
            var owner = sessionsOf[window.EmployeeId].FindIndex(s => s.In < windowEnd && s.Out > window.WindowStartUtc);
            var day = owner >= 0 ? sessionsOf[window.EmployeeId][owner].Day : siteClock.BusinessDayOf(window.WindowStartUtc);
            if (range.Contains(day))
            {
                Add(items, window.EmployeeId, window.Action, window.ItemsCount);
                if (range.IsSingleDay)
                {
                    dayWindows.Add((window.EmployeeId, window.WindowStartUtc, window.ItemsCount));
                }
            }
        }
        return new AttributedItems(items, dayWindows);
    }

    private static void Add(Dictionary<(int EmployeeId, string Action), int> items, int employeeId, string action, int count) =>
        items[(employeeId, action)] = items.GetValueOrDefault((employeeId, action)) + count;

    // As the calculator builds them: an open session ends at min(now, in + cap); a session that starts after now or is
    // empty is skipped; ordered by clock-in, then clock-out, then id.
    private static List<Session> Sessions(IReadOnlyList<SessionSpan> shifts, DateTime nowUtc, TimeSpan openShiftCap)
    {
        var sessions = new List<Session>(shifts.Count);
        foreach (var shift in shifts)
        {
            if (shift.ClockInUtc > nowUtc)
            {
                continue;
            }
            var end = shift.EndAt(nowUtc, openShiftCap);
            if (end > shift.ClockInUtc)
            {
                sessions.Add(new Session(shift.Id, shift.EmployeeId, shift.ClockInUtc, end, shift.BusinessDay));
            }
        }
        sessions.Sort((a, b) => a.In != b.In ? a.In.CompareTo(b.In) : a.Out != b.Out ? a.Out.CompareTo(b.Out) : a.Id.CompareTo(b.Id));
        return sessions;
    }

    private readonly record struct Session(long Id, int EmployeeId, DateTime In, DateTime Out, DateOnly Day);
}
