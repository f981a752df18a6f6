using Productivity.Core.Dashboard;

namespace Productivity.Infrastructure.Dashboard;

/// <summary>The in-memory part of the dashboard: rows, KPIs, departments and range averages from the loaded columns.</summary>
internal static class DashboardAggregates
{
    public static List<ScoreRow> Rows(IReadOnlyList<ScoreDay> scores, Dictionary<(int EmployeeId, string Action), int> actionItems,
        Dictionary<string, RoleRate> roles, HashSet<int> clockedIn)
    {
        var roleItems = actionItems
            .Where(p => roles.ContainsKey(p.Key.Action))
            .GroupBy(p => (p.Key.EmployeeId, roles[p.Key.Action].RoleName))
            .ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
        var primaryRoles = roleItems
            .Where(p => p.Value > 0)
            .GroupBy(p => p.Key.EmployeeId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.Value).ThenBy(p => p.Key.RoleName, StringComparer.Ordinal).First().Key.RoleName);

        var rows = new List<ScoreRow>();
        foreach (var days in scores.GroupBy(s => s.EmployeeId))
        {
            var list = days.OrderBy(d => d.Day).ToList();
            var latest = list[^1];
            var best = list.OrderByDescending(d => d.Items).ThenBy(d => d.Day).First();
            var items = list.Sum(d => d.Items);
            var clocked = Sum(list, d => d.ClockedMinutes);
            var active = Sum(list, d => d.ActiveMinutes);
            var standard = Sum(list, d => d.StandardMinutes);
            // One day: the stored ratios are the spec's (computed from unrounded minutes); several: ratios of the sums.
            var utilization = list.Count == 1 ? latest.Utilization : clocked > 0 ? Ratio(active / clocked) : 0;
            var performance = list.Count == 1 ? latest.Performance : active > 0 ? Ratio(standard / active) : null;
            rows.Add(new ScoreRow(
                days.Key,
                latest.Name,
                primaryRoles.GetValueOrDefault(days.Key) ?? latest.PrimaryRole,
                items,
                Sum(list, d => d.Points),
                clocked,
                active,
                utilization,
                performance,
                clockedIn.Contains(days.Key),
                list.Count,
                Math.Round((double)items / list.Count, 2, MidpointRounding.AwayFromZero),
                latest.Day,
                best.Day,
                best.Items));
        }
        return rows;
    }

    public static DashboardKpis Kpis(IReadOnlyList<ScoreDay> scores, int? clockedInNow, int qcPassed, int qcGoal)
    {
        var clocked = Sum(scores, s => s.ClockedMinutes);
        var active = Sum(scores, s => s.ActiveMinutes);
        return new DashboardKpis(
            clockedInNow,
            scores.Where(s => s.Sessions > 0).Select(s => s.EmployeeId).Distinct().Count(),
            scores.Sum(s => s.Items),
            qcPassed,
            qcGoal,
            clocked > 0 ? Ratio(active / clocked) : 0,
            Sum(scores, s => s.Points),
            Math.Round(clocked / 60, 2, MidpointRounding.AwayFromZero),
            Math.Round(active / 60, 2, MidpointRounding.AwayFromZero));
    }

    /// <summary>Departments by items, then name. Each person's clocked minutes are split by their standard minutes per department.</summary>
    public static List<DepartmentRow> Departments(IReadOnlyList<ScoreDay> scores, Dictionary<(int EmployeeId, string Action), int> actionItems,
        Dictionary<string, RoleRate> roles)
    {
        var clockedOf = scores.GroupBy(s => s.EmployeeId).ToDictionary(g => g.Key, g => g.Sum(s => s.ClockedMinutes));
        var cells = actionItems
            .Where(p => p.Value > 0)
            .Select(p => roles.TryGetValue(p.Key.Action, out var role)
                ? (p.Key.EmployeeId, role.Department, Items: p.Value, Standard: role.ExpectedPerHour > 0 ? p.Value * 60.0 / role.ExpectedPerHour : 0)
                : (p.Key.EmployeeId, Department: DepartmentRow.Unassigned, Items: p.Value, Standard: 0.0))
            .ToList();
        var standardOf = cells.GroupBy(c => c.EmployeeId).ToDictionary(g => g.Key, g => g.Sum(c => c.Standard));
        return cells
            .GroupBy(c => c.Department)
            .Select(g =>
            {
                var items = g.Sum(c => c.Items);
                var standard = g.Sum(c => c.Standard);
                var minutes = g.Sum(c => standardOf[c.EmployeeId] > 0 ? clockedOf.GetValueOrDefault(c.EmployeeId) * c.Standard / standardOf[c.EmployeeId] : 0);
                return new DepartmentRow(
                    g.Key,
                    items,
                    g.Select(c => c.EmployeeId).Distinct().Count(),
                    Math.Round(minutes / 60, 2, MidpointRounding.AwayFromZero),
                    minutes > 0 ? Math.Round(items / (minutes / 60), 1, MidpointRounding.AwayFromZero) : null,
                    standard > 0 ? Math.Round(items / (standard / 60), 1, MidpointRounding.AwayFromZero) : null);
            })
            .OrderByDescending(d => d.Items)
            .ThenBy(d => d.Department, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Per-day averages over the days that have scores (a closed Sunday does not halve the week).</summary>
    public static RangeAverages Averages(DashboardRange range, IReadOnlyList<ScoreDay> scores, int qcPassed)
    {
        var days = scores.GroupBy(s => s.Day).ToList();
        if (days.Count == 0)
        {
            return new RangeAverages(range.Days, 0, 0, 0, 0, 0, null, 0);
        }
        var best = days.Select(d => (Day: d.Key, Items: d.Sum(s => s.Items))).OrderByDescending(d => d.Items).ThenBy(d => d.Day).First();
        return new RangeAverages(
            range.Days,
            days.Count,
            Average(days.Sum(d => d.Where(s => s.Sessions > 0).Select(s => s.EmployeeId).Distinct().Count()), days.Count),
            Average(scores.Sum(s => s.Items), days.Count),
            Average(qcPassed, days.Count),
            Average(Sum(scores, s => s.Points), days.Count),
            best.Day,
            best.Items);
    }

    // Stored values have 2 decimals; summing them as decimals keeps the total exact (no 0.30000000000000004).
    private static double Sum<T>(IEnumerable<T> source, Func<T, double> value) =>
        (double)source.Sum(item => (decimal)value(item));

    private static double Ratio(double value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);

    private static double Average(double total, int count) => Math.Round(total / count, 2, MidpointRounding.AwayFromZero);
}
