using Microsoft.EntityFrameworkCore;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Infrastructure.Dashboard;

/// <summary>One employee's items and windows of one action over a range, from the stored attribution of each window.</summary>
internal sealed record ActionItems(int EmployeeId, string Action, int Items, int Windows)
{
    /// <summary>
    /// A grouping of stored facts: every window carries the business day the recompute decided for it (scoring.md
    /// "Sessions" rule 3), so a range's items are the windows of its days, a night shift's after-midnight hours included.
    /// </summary>
    public static Task<List<ActionItems>> LoadAsync(ProductivityDbContext db, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        db.Activities.AsNoTracking()
            .Where(a => a.EmployeeId != null && a.BusinessDay >= from && a.BusinessDay <= to)
            .GroupBy(a => new { EmployeeId = a.EmployeeId!.Value, a.Action })
            .Select(g => new ActionItems(g.Key.EmployeeId, g.Key.Action, g.Sum(a => a.ItemsCount), g.Count()))
            .ToListAsync(cancellationToken);
}
