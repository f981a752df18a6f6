using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Productivity.Core.Dashboard;
using Productivity.Core.Time;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Scoring;

namespace Productivity.Infrastructure.Dashboard;

/// <summary>
/// Builds a range's dashboard from the database: stored daily scores, sessions (shifts joined by manual breaks, for who
/// is clocked in and the clock feed) and the windows' stored attribution grouped per employee and action, read with
/// AsNoTracking projections in a fixed number of queries whatever the number of people.
/// </summary>
public sealed class DashboardBuilder(
    IDbContextFactory<ProductivityDbContext> contextFactory,
    SiteClock siteClock,
    TimeProvider timeProvider,
    IOptions<DashboardOptions> options)
{
    public const string QcPassedAction = "QC Passed";

    /// <summary>Entries of the clock feed.</summary>
    public const int ClockFeedLength = 10;

    public async Task<DashboardReadModel> BuildAsync(DashboardRange range, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var today = siteClock.BusinessDayOf(now);
        var includesToday = range.Contains(today);
        var (from, to) = (range.From, range.To);
        var (shiftsFrom, shiftsTo) = (from.AddDays(-1), to.AddDays(1));
        // The hourly chart's scan of the day's windows is the largest part of a cold build (a day of 5,000 people is
        // ~220,000 index entries): it and the sessions are read on connections of their own, beside the rest.
        var hourlyTask = range.IsSingleDay ? OnOwnContextAsync(db => HourlyActivity.LoadAsync(db, siteClock, from, cancellationToken), cancellationToken)
            : Task.FromResult<IReadOnlyList<HourlyPoint>>([]);
        var shiftsTask = OnOwnContextAsync(db => StoredSessions.LoadAsync(db, siteClock, shiftsFrom, shiftsTo, null, cancellationToken), cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);

        var roles = (await db.ActionRoles.AsNoTracking().ToListAsync(cancellationToken))
            .ToDictionary(r => r.Action, r => r.ToDefinition(), StringComparer.Ordinal);
        var cap = await StoredScoringParameters.OpenShiftCapAsync(db, cancellationToken);
        var scores = await db.DailyScores.AsNoTracking()
            .Where(s => s.BusinessDay >= from && s.BusinessDay <= to)
            .Join(db.Employees, s => s.EmployeeId, e => e.Id, (s, e) => new ScoreDay(
                s.EmployeeId, e.Name, s.BusinessDay, s.Items, s.Points, s.ClockedMinutes, s.ActiveMinutes, s.StandardMinutes,
                s.Utilization, s.Performance, s.PrimaryRole, s.Sessions))
            .ToListAsync(cancellationToken);
        var actionItems = await ActionItems.LoadAsync(db, from, to, cancellationToken);
        var shifts = await shiftsTask;
        var hourly = await hourlyTask;

        var open = includesToday
            ? shifts.Where(s => ClockedIn.At(s, now, cap) && s.BusinessDay >= today.AddDays(-1))
                .GroupBy(s => s.EmployeeId).Select(g => g.MaxBy(s => s.ClockInUtc)!).ToList()
            : [];
        var feed = ClockEvents(shifts, range, now);
        var names = scores.GroupBy(s => s.EmployeeId).ToDictionary(g => g.Key, g => g.First().Name);
        var missing = open.Select(s => s.EmployeeId).Concat(feed.Select(e => e.EmployeeId)).Where(id => !names.ContainsKey(id)).Distinct().ToList();
        if (missing.Count > 0)
        {
            foreach (var employee in await db.Employees.AsNoTracking().Where(e => missing.Contains(e.Id)).Select(e => new { e.Id, e.Name })
                         .ToListAsync(cancellationToken))
            {
                names[employee.Id] = employee.Name;
            }
        }

        var clockedIn = open.Select(s => s.EmployeeId).ToHashSet();
        var rows = DashboardAggregates.Rows(scores, actionItems, roles, clockedIn);
        var roleOf = rows.ToDictionary(r => r.EmployeeId, r => r.PrimaryRole);
        var qcPassed = actionItems.Where(a => a.Action == QcPassedAction).Sum(a => a.Items);
        var summary = new DashboardSummary(
            range,
            includesToday,
            DashboardAggregates.Kpis(scores, includesToday ? clockedIn.Count : null, qcPassed, options.Value.DailyGoal * range.Days),
            DashboardAggregates.Departments(scores, actionItems, roles),
            open.OrderBy(s => s.ClockInUtc)
                .Select(s => new ClockedInEmployee(s.EmployeeId, NameOf(names, s.EmployeeId), s.ClockInUtc, siteClock.ToLocal(s.ClockInUtc),
                    roleOf.GetValueOrDefault(s.EmployeeId), OnBreak(s)))
                .ToList(),
            feed.Select(e => new ClockEvent(e.EmployeeId, NameOf(names, e.EmployeeId), e.Kind, e.AtUtc, siteClock.ToLocal(e.AtUtc))).ToList(),
            hourly,
            range.IsSingleDay ? null : DashboardAggregates.Averages(range, scores, qcPassed),
            now);
        return new DashboardReadModel(summary, rows);
    }

    private async Task<T> OnOwnContextAsync<T>(Func<ProductivityDbContext, Task<T>> read, CancellationToken cancellationToken)
    {
        // Task.Run: SQLite completes its "async" calls synchronously, which would otherwise serialise the reads again.
        return await Task.Run(async () =>
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            return await read(db);
        }, cancellationToken);
    }

    private OnBreak? OnBreak(SessionSpan session) =>
        session.OpenBreak is { } open ? new OnBreak(open.StartUtc, siteClock.ToLocal(open.StartUtc), open.Name) : null;

    /// <summary>The latest session starts and ends inside the range that have already happened (a break is not a clock-out).</summary>
    private List<(int EmployeeId, ClockEventKind Kind, DateTime AtUtc)> ClockEvents(List<SessionSpan> shifts, DashboardRange range, DateTime now)
    {
        var (start, _) = siteClock.UtcRangeOf(range.From);
        var (_, end) = siteClock.UtcRangeOf(range.To);
        var last = end < now ? end : now;
        return shifts.Select(s => (s.EmployeeId, Kind: ClockEventKind.ClockIn, AtUtc: s.ClockInUtc))
            .Concat(shifts.Where(s => s.ClockOutUtc is not null).Select(s => (s.EmployeeId, Kind: ClockEventKind.ClockOut, AtUtc: s.ClockOutUtc!.Value)))
            .Where(e => e.AtUtc >= start && e.AtUtc <= last && e.AtUtc < end)
            .OrderByDescending(e => e.AtUtc)
            .ThenBy(e => e.Kind)
            .ThenBy(e => e.EmployeeId)
            .Take(ClockFeedLength)
            .ToList();
    }

    private static string NameOf(Dictionary<int, string> names, int employeeId) =>
        names.TryGetValue(employeeId, out var name) ? name : $"Employee {employeeId}";
}
