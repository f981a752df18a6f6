using Productivity.Core.Costs;
using Productivity.Core.EmployeeDays;
using Productivity.Core.Scoring;
using Productivity.Core.Time;
using Productivity.Infrastructure.Scoring;

namespace Productivity.Infrastructure.EmployeeDays;

/// <summary>
/// Builds the report of one day from the calculator's inputs: the day is recomputed by the same
/// <see cref="ScoreCalculator"/> that stores scores, and sessions and windows are attributed by the same rules.
/// </summary>
internal static class EmployeeDayReportBuilder
{
    public static EmployeeDayReport Build(
        int employeeId,
        string employeeName,
        DateOnly day,
        IReadOnlyList<ScoringShift> shifts,
        IReadOnlyList<ScoringWindow> windows,
        RoleTable roles,
        ScoringParameters parameters,
        SiteClock siteClock,
        DateTime nowUtc,
        DailyScore? storedScore = null,
        IReadOnlyList<TrendDay>? trend = null,
        DateOnly? previousDay = null,
        DateOnly? nextDay = null)
    {
        var calculator = new ScoreCalculator(roles, parameters, siteClock.TimeZone);
        var recomputed = calculator.Calculate(shifts, windows, nowUtc, day, day).SingleOrDefault();
        var sessions = calculator.Sessions(shifts, nowUtc);
        var dayWindows = WindowsOfDay(windows, calculator.Attribute(shifts, windows, nowUtc), roles, day);
        return new EmployeeDayReport
        {
            EmployeeId = employeeId,
            EmployeeName = employeeName,
            Day = day,
            PreviousDay = previousDay ?? day.AddDays(-1),
            NextDay = nextDay,
            Sessions = sessions.Where(s => s.BusinessDay == day).Select(s => ClockSession(s, nowUtc)).ToList(),
            Windows = dayWindows,
            StoredScore = storedScore,
            Recomputed = recomputed,
            // A day not stored yet has no money: every screen shows the stored cost, never one of its own.
            Score = storedScore ?? (recomputed is null ? null : ScoreRows.Score(employeeId, recomputed, nowUtc, RateBook.Empty)),
            IsStale = storedScore is not null && recomputed is not null
                && (storedScore.Items != recomputed.Items || storedScore.ClockedMinutes != recomputed.ClockedMinutes
                    || storedScore.ActiveMinutes != recomputed.ActiveMinutes || storedScore.Points != recomputed.Points),
            Actions = Actions(dayWindows, roles),
            Roles = roles.Roles,
            Parameters = parameters,
            Trend = trend ?? [],
            ComputedUtc = nowUtc,
        };
    }

    // The calculator's session with its breaks clipped for the timeline (an open break runs to now).
    private static ClockSession ClockSession(CalculatedSession session, DateTime now)
    {
        var shift = session.Shift;
        var breaks = shift.Breaks
            .Select(b => new ClockBreak(Max(b.StartUtc, shift.ClockInUtc), Min(b.EndUtc ?? now, session.EndUtc), b.EndUtc is null, b.Name))
            .Where(b => b.EndUtc > b.StartUtc)
            .OrderBy(b => b.StartUtc)
            .ToList();
        return new ClockSession(shift.Id, shift.ClockInUtc, shift.ClockOutUtc, session.EndUtc, session.Capped, breaks);
    }

    // The windows the calculator attributes to the day (the same decision the recompute stores).
    private static List<ActivityWindow> WindowsOfDay(IReadOnlyList<ScoringWindow> windows, WindowOwner[] owners, RoleTable roles, DateOnly day)
    {
        var result = new List<ActivityWindow>();
        for (var i = 0; i < windows.Count; i++)
        {
            if (owners[i].BusinessDay != day)
            {
                continue;
            }
            var window = windows[i];
            var roleName = roles.TryGet(window.Action, out var role) ? role.RoleName : null;
            result.Add(new ActivityWindow(window.Id, window.Action, roleName, window.Items, window.StartUtc, window.EndUtc, owners[i].IsUnclocked));
        }
        result.Sort(static (x, y) => x.StartUtc != y.StartUtc ? x.StartUtc.CompareTo(y.StartUtc) : x.PodFactoryId.CompareTo(y.PodFactoryId));
        return result;
    }

    private static List<ActionTotals> Actions(List<ActivityWindow> windows, RoleTable roles) =>
        windows.GroupBy(w => w.Action, StringComparer.Ordinal)
            .Select(g =>
            {
                var known = roles.TryGet(g.Key, out var role);
                var items = g.Sum(w => w.Items);
                var clockedItems = g.Where(w => !w.IsUnclocked).Sum(w => w.Items);
                var standard = known ? RoleRules.StandardMinutes(clockedItems, role!) : 0m;
                var points = known ? RoleRules.Points(items, role!) : 0m;
                return new ActionTotals(g.Key, role?.RoleName, g.Count(), items, Round(standard), Round(points));
            })
            .OrderByDescending(a => a.Items)
            .ThenBy(a => a.Action, StringComparer.Ordinal)
            .ToList();

    private static double Round(decimal value) => (double)Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
