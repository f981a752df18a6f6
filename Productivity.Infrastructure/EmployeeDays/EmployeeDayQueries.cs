using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Productivity.Core.EmployeeDays;
using Productivity.Core.Scoring;
using Productivity.Core.Time;
using Productivity.Infrastructure.Employees;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Scoring;
using Productivity.Infrastructure.Security;

namespace Productivity.Infrastructure.EmployeeDays;

/// <summary>
/// The employee-day page's data: inputs loaded as the recompute loads them (<see cref="ScoreInputs"/>), the day
/// recomputed in memory with the stored rules, the stored score, and 90 days of trend against the team median.
/// A fixed number of queries, whatever the size of the day.
/// </summary>
public sealed class EmployeeDayQueries(IDbContextFactory<ProductivityDbContext> contextFactory, AccessCheck access, SiteClock siteClock,
    TimeProvider timeProvider)
    : IEmployeeDayQueries
{
    public const int TrendDays = 90;

    public async Task<EmployeeDayReport?> GetAsync(ClaimsPrincipal viewer, int employeeId, DateOnly day, CancellationToken cancellationToken = default)
    {
        await access.RequireViewerAsync(viewer);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var employee = await db.Employees.AsNoTracking().Where(e => e.Id == employeeId).Select(e => new { e.Id, e.Name })
            .SingleOrDefaultAsync(cancellationToken);
        if (employee is null)
        {
            return null;
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var roles = await db.ActionRoles.AsNoTracking().ToListAsync(cancellationToken);
        var parameters = await StoredScoringParameters.LoadAsync(db, cancellationToken);
        var inputs = await ScoreInputs.LoadAsync(db, siteClock, [employeeId], day, day, cancellationToken);
        var (shifts, windows) = inputs.For(employeeId);
        var stored = await db.DailyScores.AsNoTracking()
            .SingleOrDefaultAsync(s => s.EmployeeId == employeeId && s.BusinessDay == day, cancellationToken);
        var previous = await db.DailyScores.AsNoTracking().Where(s => s.EmployeeId == employeeId && s.BusinessDay < day)
            .MaxAsync(s => (DateOnly?)s.BusinessDay, cancellationToken);
        var next = await db.DailyScores.AsNoTracking().Where(s => s.EmployeeId == employeeId && s.BusinessDay > day)
            .MinAsync(s => (DateOnly?)s.BusinessDay, cancellationToken);
        var today = siteClock.BusinessDayOf(now);

        return EmployeeDayReportBuilder.Build(
            employee.Id,
            employee.Name,
            day,
            shifts,
            windows,
            new RoleTable(roles.Select(r => r.ToDefinition())),
            parameters,
            siteClock,
            now,
            stored,
            await TrendAsync(db, employeeId, day, cancellationToken),
            previous ?? day.AddDays(-1),
            next ?? (day < today ? day.AddDays(1) : null));
    }

    private static async Task<IReadOnlyList<TrendDay>> TrendAsync(ProductivityDbContext db, int employeeId, DateOnly day, CancellationToken cancellationToken)
    {
        var first = day.AddDays(-(TrendDays - 1));
        var rows = await db.DailyScores.AsNoTracking()
            .Where(s => s.BusinessDay >= first && s.BusinessDay <= day)
            .Select(s => new { s.EmployeeId, s.BusinessDay, s.Items, s.Points, s.ClockedMinutes, s.ActiveMinutes, s.Utilization, s.Performance })
            .ToListAsync(cancellationToken);
        var byDay = rows.ToLookup(r => r.BusinessDay);
        var trend = new List<TrendDay>(TrendDays);
        for (var d = first; d <= day; d = d.AddDays(1))
        {
            var scores = byDay[d].ToList();
            var own = scores.FirstOrDefault(s => s.EmployeeId == employeeId);
            trend.Add(new TrendDay(
                d,
                own is null ? null : new TrendValues(own.Items, own.Points, own.ClockedMinutes > 0 ? own.Utilization : null, own.Performance),
                scores.Count == 0
                    ? null
                    : new TrendValues(
                        Median(scores.Select(s => (double)s.Items))!.Value,
                        Median(scores.Select(s => s.Points))!.Value,
                        Median(scores.Where(s => s.ClockedMinutes > 0).Select(s => s.Utilization)),
                        Median(scores.Where(s => s.Performance.HasValue).Select(s => s.Performance!.Value)))));
        }
        return trend;
    }

    internal static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }
        var middle = sorted.Count / 2;
        var median = sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return Math.Round(median, 4, MidpointRounding.AwayFromZero);
    }
}
