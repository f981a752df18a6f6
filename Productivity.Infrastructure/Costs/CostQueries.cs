using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Productivity.Core.Costs;
using Productivity.Core.Dashboard;
using Productivity.Core.Scoring;
using Productivity.Core.Security;
using Productivity.Infrastructure.Dashboard;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Security;

namespace Productivity.Infrastructure.Costs;

/// <summary>
/// The labour-cost page's read side: money is for Managers and Admins, checked against the database on every call; the
/// range's model is built from the stored daily costs in one query and cached like the dashboard's (day versions, so a
/// recompute of a shown day makes it stale on every node).
/// </summary>
public sealed class CostQueries(IDbContextFactory<ProductivityDbContext> contexts, DashboardCache cache, AccessCheck access) : ICostQueries
{
    public const int MaxPageSize = 200;

    public async Task<CostReport> GetReportAsync(ClaimsPrincipal viewer, DashboardRange range, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(viewer, Roles.Admin, Roles.Manager);
        return await ReportAsync(range, cancellationToken);
    }

    public async Task<CostEmployeePage> GetEmployeesAsync(ClaimsPrincipal viewer, DashboardRange range, CostSort sortBy, bool descending,
        int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var rows = (await GetReportAsync(viewer, range, cancellationToken)).Employees;
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var sorted = Sort(rows, sortBy, descending).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.EmployeeId);
        return new CostEmployeePage(sorted.Skip(Math.Max(0, page) * size).Take(size).ToList(), rows.Count);
    }

    /// <summary>Whether the viewer may see money now (Managers and Admins), asked of the database: the employee day's cost card.</summary>
    public Task<bool> MaySeeMoneyAsync(ClaimsPrincipal viewer) => access.MayAsync(viewer, Roles.Admin, Roles.Manager);

    /// <summary>The model without the caller check: for the benchmark, which times the build and the cache.</summary>
    internal Task<CostReport> ReportAsync(DashboardRange range, CancellationToken cancellationToken)
    {
        if (range.Problem() is { } problem)
        {
            throw new ArgumentOutOfRangeException(nameof(range), range, problem);
        }
        return cache.GetOrBuildAsync("costs", range, ct => BuildAsync(range, ct), cancellationToken);
    }

    private async Task<CostReport> BuildAsync(DashboardRange range, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (from, to) = (range.From, range.To);
        var days = await db.DailyScores.AsNoTracking()
            .Where(s => s.BusinessDay >= from && s.BusinessDay <= to)
            .Select(s => new
            {
                s.EmployeeId, s.BusinessDay, s.PrimaryRole, s.Items, s.PaidMinutes, s.StandardMinutes, s.LabourCost, s.IdleCost,
            })
            .ToListAsync(cancellationToken);
        var names = await db.Employees.AsNoTracking().Select(e => new { e.Id, e.Name }).ToDictionaryAsync(e => e.Id, e => e.Name, cancellationToken);
        var roleTable = new RoleTable((await db.ActionRoles.AsNoTracking().OrderBy(r => r.Id).ToListAsync(cancellationToken)).Select(r => r.ToDefinition()));

        var total = new CostTotal();
        var byEmployee = new Dictionary<int, CostTotal>();
        var byRole = new Dictionary<(string? Department, string? Role), CostTotal>();
        var byDay = Enumerable.Range(0, range.Days).Select(from.AddDays).ToDictionary(d => d, _ => new CostTotal());
        foreach (var d in days)
        {
            var one = new CostTotal().Add(d.LabourCost, d.IdleCost, d.Items, d.PaidMinutes, d.StandardMinutes);
            total = total.Add(one);
            byEmployee[d.EmployeeId] = byEmployee.GetValueOrDefault(d.EmployeeId).Add(one);
            var department = d.PrimaryRole is not null ? roleTable.DepartmentOf(d.PrimaryRole) : null;
            byRole[(department, d.PrimaryRole)] = byRole.GetValueOrDefault((department, d.PrimaryRole)).Add(one);
            byDay[d.BusinessDay] = byDay[d.BusinessDay].Add(one);
        }
        var roles = byRole.Select(r => new CostGroupRow(r.Key.Department, r.Key.Role, r.Value))
            .OrderByDescending(r => r.Total.LabourCost).ThenBy(r => r.Role, StringComparer.Ordinal).ToList();
        var departmentRows = roles.GroupBy(r => r.Department)
            .Select(g => new CostGroupRow(g.Key, null, g.Aggregate(new CostTotal(), (sum, r) => sum.Add(r.Total))))
            .OrderByDescending(r => r.Total.LabourCost).ThenBy(r => r.Department, StringComparer.Ordinal).ToList();
        return new CostReport(
            total,
            departmentRows,
            roles,
            byEmployee.Select(e => new CostEmployeeRow(e.Key, names.GetValueOrDefault(e.Key) ?? "", e.Value)).ToList(),
            byDay.OrderBy(d => d.Key).Select(d => new CostDayRow(d.Key, d.Value)).ToList());
    }

    private static IOrderedEnumerable<CostEmployeeRow> Sort(IEnumerable<CostEmployeeRow> rows, CostSort sortBy, bool descending) => sortBy switch
    {
        CostSort.Name => descending ? rows.OrderByDescending(r => r.Name, StringComparer.OrdinalIgnoreCase) : rows.OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase),
        CostSort.IdleCost => Order(rows, r => r.Total.IdleCost, descending),
        CostSort.IdleShare => Order(rows, r => r.Total.IdleShare, descending),
        CostSort.CostPerItem => Order(rows, r => r.Total.CostPerItem, descending),
        CostSort.CostPerStandardHour => Order(rows, r => r.Total.CostPerStandardHour, descending),
        CostSort.Items => Order(rows, r => r.Total.Items, descending),
        CostSort.PaidMinutes => Order(rows, r => r.Total.PaidMinutes, descending),
        _ => Order(rows, r => r.Total.LabourCost, descending),
    };

    // An empty value (no rate, no items) sorts below every number in both directions.
    private static IOrderedEnumerable<CostEmployeeRow> Order<TKey>(IEnumerable<CostEmployeeRow> rows, Func<CostEmployeeRow, TKey?> key, bool descending)
        where TKey : struct =>
        descending
            ? rows.OrderBy(r => key(r) is null).ThenByDescending(key)
            : rows.OrderBy(r => key(r) is null).ThenBy(key);

    private static IOrderedEnumerable<CostEmployeeRow> Order<TKey>(IEnumerable<CostEmployeeRow> rows, Func<CostEmployeeRow, TKey> key, bool descending)
        where TKey : struct =>
        descending ? rows.OrderByDescending(key) : rows.OrderBy(key);
}
