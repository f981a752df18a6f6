using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Productivity.Core.Dashboard;
using Productivity.Core.Time;
using Productivity.Infrastructure.Dashboard;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Scoring;

namespace Productivity.Infrastructure.Floor;

/// <summary>
/// The shop-floor board of a business day, read with five bounded queries: the day's stored scores, the open-shift cap,
/// the day's items per (employee, action), open shifts, and the action → department table.
/// </summary>
public sealed class FloorQueries(IDbContextFactory<ProductivityDbContext> contextFactory, SiteClock siteClock, IOptions<DashboardOptions> dashboard)
    : IFloorQueries
{
    public const string QcPassedAction = "QC Passed";
    public const string OtherDepartment = "Other";

    // Dashboard:DailyGoal, bound and validated at start-up like every other key.
    private readonly int _dailyGoal = dashboard.Value.DailyGoal;

    public async Task<FloorBoard> LoadAsync(DateOnly day, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var (startUtc, endUtc) = siteClock.UtcRangeOf(day);
        var scores = await db.DailyScores.AsNoTracking()
            .Where(s => s.BusinessDay == day)
            .Join(db.Employees, s => s.EmployeeId, e => e.Id, (s, e) => new { s.EmployeeId, e.Name, s.Items, s.Points, s.ActiveMinutes })
            .ToListAsync(cancellationToken);
        // An open shift past the stored open-shift cap is a forgotten clock-out: its session has ended (spec), so it
        // does not count as someone on the floor. "Clocked in" needs today's and yesterday's sessions (a night shift).
        var cap = await StoredScoringParameters.OpenShiftCapAsync(db, cancellationToken);
        var sessions = await StoredSessions.LoadAsync(db, siteClock, day.AddDays(-1), day, null, cancellationToken);
        // Each employee's items per action as the recompute stored them with the day's score (a night shift's
        // after-midnight windows are the day before's); a row no mapping credits to anyone has no session and counts on
        // the day it starts.
        var stations = (await ActionItems.LoadAsync(db, day, day, cancellationToken))
            .Select(a => new StationItems(a.EmployeeId, a.Action, a.Items))
            .Concat(await db.Activities.AsNoTracking()
                .Where(a => a.EmployeeId == null && a.WindowStartUtc >= startUtc && a.WindowStartUtc < endUtc)
                .GroupBy(a => a.Action)
                .Select(g => new StationItems(null, g.Key, g.Sum(a => a.ItemsCount)))
                .ToListAsync(cancellationToken))
            .ToList();
        var clockedIn = ClockedIn.Of(sessions, nowUtc, cap);
        var departmentOf = await db.ActionRoles.AsNoTracking().ToDictionaryAsync(r => r.Action, r => r.Department, cancellationToken);

        var stationsOf = stations.Where(s => s.EmployeeId is not null && s.Items > 0)
            .GroupBy(s => s.EmployeeId!.Value)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<StationCount>)g
                .OrderByDescending(s => s.Items).ThenBy(s => s.Action, StringComparer.Ordinal)
                .Select(s => new StationCount(s.Action, s.Items)).ToList());
        var rows = scores
            .OrderByDescending(s => s.Points).ThenByDescending(s => s.Items).ThenBy(s => s.Name, StringComparer.CurrentCulture)
            .Select((s, index) => new FloorRow(
                index + 1,
                s.EmployeeId,
                s.Name,
                s.Items,
                s.Points,
                s.ActiveMinutes > 0 ? Math.Round(s.Items / s.ActiveMinutes, 2) : null,
                stationsOf.GetValueOrDefault(s.EmployeeId) ?? [],
                clockedIn.ContainsKey(s.EmployeeId),
                clockedIn.GetValueOrDefault(s.EmployeeId)?.OpenBreak is { } open
                    ? new OnBreak(open.StartUtc, siteClock.ToLocal(open.StartUtc), open.Name)
                    : null))
            .ToList();
        // Team totals count every row of the day, mapped to an employee or not: a pending e-mail mapping must not hide
        // what the floor produced.
        var departments = stations
            .GroupBy(s => departmentOf.GetValueOrDefault(s.Action) ?? OtherDepartment)
            .Select(g => new DepartmentTotal(g.Key, g.Sum(s => s.Items),
                g.Where(s => s.EmployeeId is not null && s.Items > 0).Select(s => s.EmployeeId).Distinct().Count()))
            .Where(d => d.Items > 0)
            .OrderByDescending(d => d.Items).ThenBy(d => d.Department, StringComparer.Ordinal)
            .ToList();
        var qcPassed = stations.Where(s => s.Action == QcPassedAction).Sum(s => s.Items);
        return new FloorBoard(day, rows, qcPassed, _dailyGoal, departments);
    }

    private sealed record StationItems(int? EmployeeId, string Action, int Items);
}
