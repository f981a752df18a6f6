using Microsoft.EntityFrameworkCore;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Infrastructure.Dashboard;

/// <summary>One employee's items and windows of one action over a range, from the stored attribution of each window.</summary>
internal sealed record ActionItems(int EmployeeId, string Action, int Items, int Windows)
{
    /// <summary>
    /// A sum of stored facts: the recompute stores each employee-day's items per action as it attributed the windows
    /// (scoring.md "Sessions" rule 3), so a range's items are those of its days, a night shift's after-midnight hours
    /// included, read from a few rows per person rather than the day's windows.
    /// </summary>
    public static Task<List<ActionItems>> LoadAsync(ProductivityDbContext db, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        db.DailyActionTotals.AsNoTracking()
            .Where(t => t.BusinessDay >= from && t.BusinessDay <= to)
            .GroupBy(t => new { t.EmployeeId, t.Action })
            .Select(g => new ActionItems(g.Key.EmployeeId, g.Key.Action, g.Sum(t => t.Items), g.Sum(t => t.Windows)))
            .ToListAsync(cancellationToken);
}
