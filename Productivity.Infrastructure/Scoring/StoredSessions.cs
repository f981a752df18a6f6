using Microsoft.EntityFrameworkCore;
using Productivity.Core.Time;
using Productivity.Core.TimeClock;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Infrastructure.Scoring;

/// <summary>
/// Stored shifts and manual breaks joined into sessions by the one Core rule (<see cref="ClockSessions"/>), for the
/// pages that show sessions (dashboard, shop floor, employee list, open-session rescoring, window days). Two queries.
/// </summary>
public static class StoredSessions
{
    /// <summary>
    /// The sessions whose first clock-in falls on <paramref name="from"/>..<paramref name="to"/> (site-local business
    /// days), of the given employees or of everyone. A day after the range is read too: a split night shift's later part
    /// is stored on the next day.
    /// </summary>
    public static async Task<List<SessionSpan>> LoadAsync(ProductivityDbContext db, SiteClock siteClock, DateOnly from, DateOnly to,
        IReadOnlyCollection<int>? employeeIds, CancellationToken cancellationToken)
    {
        var sessions = new List<SessionSpan>();
        foreach (var (employeeId, joined) in await JoinedAsync(db, from, to.AddDays(1), employeeIds, cancellationToken))
        {
            foreach (var session in joined)
            {
                var day = siteClock.BusinessDayOf(session.ClockInUtc);
                if (day >= from && day <= to)
                {
                    sessions.Add(new SessionSpan(session.Id, employeeId, session.ClockInUtc, session.ClockOutUtc, day, session.OpenBreak));
                }
            }
        }
        return sessions;
    }

    /// <summary>
    /// The sessions, breaks included, of every shift and break stored on <paramref name="firstDay"/>..<paramref name="lastDay"/>
    /// (whatever day each session then belongs to), per employee: what the recompute and the pages above are built from.
    /// </summary>
    public static async Task<Dictionary<int, IReadOnlyList<TimeClockSession>>> JoinedAsync(ProductivityDbContext db, DateOnly firstDay,
        DateOnly lastDay, IReadOnlyCollection<int>? employeeIds, CancellationToken cancellationToken)
    {
        var shifts = db.Shifts.AsNoTracking().Where(s => s.BusinessDay >= firstDay && s.BusinessDay <= lastDay);
        var breaks = db.ManualBreaks.AsNoTracking().Where(b => b.BusinessDay >= firstDay && b.BusinessDay <= lastDay);
        if (employeeIds is not null)
        {
            shifts = shifts.Where(s => employeeIds.Contains(s.EmployeeId));
            breaks = breaks.Where(b => employeeIds.Contains(b.EmployeeId));
        }
        var shiftRows = await shifts.Select(s => new { s.EmployeeId, Shift = new ClockShift(s.Id, s.ClockInUtc, s.ClockOutUtc) })
            .ToListAsync(cancellationToken);
        var breakRows = (await breaks.Select(b => new { b.EmployeeId, Break = new BreakSpan(b.Id, b.StartUtc, b.EndUtc, b.Name, b.IsPaid) })
            .ToListAsync(cancellationToken)).ToLookup(b => b.EmployeeId, b => b.Break);
        return shiftRows.GroupBy(s => s.EmployeeId)
            .ToDictionary(g => g.Key, g => ClockSessions.Join(g.Select(s => s.Shift), breakRows[g.Key]));
    }

    /// <summary>Who is clocked in now (<see cref="ClockedIn"/>), on a break or not: their open session each.</summary>
    public static async Task<Dictionary<int, SessionSpan>> ClockedInAsync(ProductivityDbContext db, SiteClock siteClock, DateTime nowUtc,
        TimeSpan openShiftCap, CancellationToken cancellationToken)
    {
        // The cap is at most a day, so an open session began today or yesterday.
        var today = siteClock.BusinessDayOf(nowUtc);
        return ClockedIn.Of(await LoadAsync(db, siteClock, today.AddDays(-1), today, null, cancellationToken), nowUtc, openShiftCap);
    }
}
