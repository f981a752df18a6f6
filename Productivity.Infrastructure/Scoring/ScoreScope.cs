using Microsoft.EntityFrameworkCore;
using Productivity.Core.Sync;
using Productivity.Core.Time;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Infrastructure.Scoring;

/// <summary>Which (employee, day) pairs a range or a rule edit affects.</summary>
public static class ScoreScope
{
    /// <summary>
    /// Every pair of the days that has a shift, a window or a stored score (the last so that a day whose inputs
    /// vanished loses its score). Three queries.
    /// </summary>
    public static async Task<HashSet<EmployeeDay>> PairsForDaysAsync(ProductivityDbContext db, SiteClock siteClock, DateOnly from, DateOnly to,
        CancellationToken cancellationToken)
    {
        var (start, _) = siteClock.UtcRangeOf(from);
        var (_, end) = siteClock.UtcRangeOf(to);
        var pairs = new HashSet<EmployeeDay>();
        foreach (var shift in await db.Shifts.AsNoTracking().Where(s => s.BusinessDay >= from && s.BusinessDay <= to)
                     .Select(s => new { s.EmployeeId, s.BusinessDay }).Distinct().ToListAsync(cancellationToken))
        {
            pairs.Add(new EmployeeDay(shift.EmployeeId, shift.BusinessDay));
        }
        foreach (var window in await db.Activities.AsNoTracking()
                     .Where(a => a.EmployeeId != null && a.WindowStartUtc >= start && a.WindowStartUtc < end)
                     .Select(a => new { EmployeeId = a.EmployeeId!.Value, a.WindowStartUtc }).ToListAsync(cancellationToken))
        {
            pairs.Add(new EmployeeDay(window.EmployeeId, siteClock.BusinessDayOf(window.WindowStartUtc)));
        }
        foreach (var score in await db.DailyScores.AsNoTracking().Where(s => s.BusinessDay >= from && s.BusinessDay <= to)
                     .Select(s => new { s.EmployeeId, s.BusinessDay }).ToListAsync(cancellationToken))
        {
            pairs.Add(new EmployeeDay(score.EmployeeId, score.BusinessDay));
        }
        return pairs;
    }

    /// <summary>The pairs whose windows use an action: the window's local day, and the day before when a night shift could own it.</summary>
    public static async Task<HashSet<EmployeeDay>> PairsUsingActionAsync(ProductivityDbContext db, SiteClock siteClock, string action,
        CancellationToken cancellationToken)
    {
        var windows = await db.Activities.AsNoTracking()
            .Where(a => a.EmployeeId != null && a.Action == action)
            .Select(a => new { EmployeeId = a.EmployeeId!.Value, a.WindowStartUtc })
            .ToListAsync(cancellationToken);
        var pairs = new HashSet<EmployeeDay>();
        foreach (var window in windows)
        {
            var day = siteClock.BusinessDayOf(window.WindowStartUtc);
            pairs.Add(new EmployeeDay(window.EmployeeId, day));
            pairs.Add(new EmployeeDay(window.EmployeeId, day.AddDays(-1)));
        }
        return pairs;
    }
}
