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
        var last = to.AddDays(1);
        var shifts = db.Shifts.AsNoTracking().Where(s => s.BusinessDay >= from && s.BusinessDay <= last);
        var breaks = db.ManualBreaks.AsNoTracking().Where(b => b.BusinessDay >= from && b.BusinessDay <= last);
        if (employeeIds is not null)
        {
            shifts = shifts.Where(s => employeeIds.Contains(s.EmployeeId));
            breaks = breaks.Where(b => employeeIds.Contains(b.EmployeeId));
        }
        var shiftRows = await shifts.Select(s => new { s.EmployeeId, Shift = new ClockShift(s.Id, s.ClockInUtc, s.ClockOutUtc) })
            .ToListAsync(cancellationToken);
        var breakRows = (await breaks.Select(b => new { b.EmployeeId, Break = new BreakSpan(b.Id, b.StartUtc, b.EndUtc, b.Name) })
            .ToListAsync(cancellationToken)).ToLookup(b => b.EmployeeId, b => b.Break);
        var sessions = new List<SessionSpan>();
        foreach (var employee in shiftRows.GroupBy(s => s.EmployeeId))
        {
            foreach (var session in ClockSessions.Join(employee.Select(s => s.Shift), breakRows[employee.Key]))
            {
                var day = siteClock.BusinessDayOf(session.ClockInUtc);
                if (day >= from && day <= to)
                {
                    sessions.Add(new SessionSpan(session.Id, employee.Key, session.ClockInUtc, session.ClockOutUtc, day, session.OpenBreak));
                }
            }
        }
        return sessions;
    }

    /// <summary>Who is clocked in now (<see cref="ClockedIn"/>), on a break or not: their open session each.</summary>
    public static async Task<Dictionary<int, SessionSpan>> ClockedInAsync(ProductivityDbContext db, SiteClock siteClock, DateTime nowUtc,
        TimeSpan openShiftCap, CancellationToken cancellationToken)
    {
        // The cap is at most a day, so an open session began today or yesterday.
        var today = siteClock.BusinessDayOf(nowUtc);
        var sessions = await LoadAsync(db, siteClock, today.AddDays(-1), today, null, cancellationToken);
        return sessions.Where(s => ClockedIn.At(s, nowUtc, openShiftCap))
            .GroupBy(s => s.EmployeeId)
            .ToDictionary(g => g.Key, g => g.MaxBy(s => s.ClockInUtc)!);
    }
}
