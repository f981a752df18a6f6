using Productivity.Core.EmployeeDays;
using Productivity.Core.Scoring;
using Productivity.Core.Time;

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
        var sessions = Sessions(shifts, parameters, nowUtc);
        var dayWindows = WindowsOfDay(windows, sessions, roles, siteClock, day);
        return new EmployeeDayReport
        {
            EmployeeId = employeeId,
            EmployeeName = employeeName,
            Day = day,
            PreviousDay = previousDay ?? day.AddDays(-1),
            NextDay = nextDay,
            Sessions = sessions.Where(s => siteClock.BusinessDayOf(s.ClockInUtc) == day).ToList(),
            Windows = dayWindows,
            StoredScore = storedScore,
            Recomputed = recomputed,
            Actions = Actions(dayWindows, roles),
            Roles = roles.Roles,
            Parameters = parameters,
            Trend = trend ?? [],
            ComputedUtc = nowUtc,
        };
    }

    // scoring.md "Sessions": an open shift ends at min(now, clock-in + cap); a shift that starts after now, or is empty, is
    // not a session. Sorted as the calculator sorts them (clock-in, end, id), because a window belongs to the first one.
    private static List<ClockSession> Sessions(IReadOnlyList<ScoringShift> shifts, ScoringParameters parameters, DateTime now)
    {
        var cap = TimeSpan.FromHours(parameters.OpenShiftCapHours);
        var sessions = new List<ClockSession>();
        foreach (var shift in shifts.Where(s => s.ClockInUtc <= now))
        {
            var capped = shift.ClockOutUtc is null && now - shift.ClockInUtc >= cap;
            var end = shift.ClockOutUtc ?? (capped ? shift.ClockInUtc + cap : now);
            if (end <= shift.ClockInUtc)
            {
                continue;
            }
            var breaks = shift.Breaks
                .Select(b => new ClockBreak(Max(b.StartUtc, shift.ClockInUtc), Min(b.EndUtc ?? now, end), b.EndUtc is null, b.Name))
                .Where(b => b.EndUtc > b.StartUtc)
                .OrderBy(b => b.StartUtc)
                .ToList();
            sessions.Add(new ClockSession(shift.Id, shift.ClockInUtc, shift.ClockOutUtc, end, capped, breaks));
        }
        sessions.Sort(static (x, y) =>
        {
            var byIn = x.ClockInUtc.CompareTo(y.ClockInUtc);
            if (byIn != 0)
            {
                return byIn;
            }
            var byEnd = x.EndUtc.CompareTo(y.EndUtc);
            return byEnd != 0 ? byEnd : string.CompareOrdinal(x.ShiftId, y.ShiftId);
        });
        return sessions;
    }

    // scoring.md "Sessions" rule 3: a window belongs to the first session it overlaps, and then to that session's day;
    // a window that overlaps none is unclocked and belongs to the day of its start.
    private static List<ActivityWindow> WindowsOfDay(IReadOnlyList<ScoringWindow> windows, List<ClockSession> sessions, RoleTable roles,
        SiteClock siteClock, DateOnly day)
    {
        var result = new List<ActivityWindow>();
        foreach (var window in windows)
        {
            var session = sessions.FirstOrDefault(s => window.StartUtc < s.EndUtc && window.EndUtc > s.ClockInUtc);
            var owner = session is null ? siteClock.BusinessDayOf(window.StartUtc) : siteClock.BusinessDayOf(session.ClockInUtc);
            if (owner != day)
            {
                continue;
            }
            var roleName = roles.TryGet(window.Action, out var role) ? role.RoleName : null;
            result.Add(new ActivityWindow(window.Id, window.Action, roleName, window.Items, window.StartUtc, window.EndUtc, session is null));
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
                var standard = known ? clockedItems * 60m / (decimal)role!.ExpectedPerHour : 0m;
                var points = known ? items * (decimal)role!.PointsPerItem : 0m;
                return new ActionTotals(g.Key, role?.RoleName, g.Count(), items, Round(standard), Round(points));
            })
            .OrderByDescending(a => a.Items)
            .ThenBy(a => a.Action, StringComparer.Ordinal)
            .ToList();

    private static double Round(decimal value) => (double)Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
