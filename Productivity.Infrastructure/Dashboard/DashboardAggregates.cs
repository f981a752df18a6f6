using Productivity.Core.Dashboard;
using Productivity.Core.Scoring;

namespace Productivity.Infrastructure.Dashboard;

/// <summary>The in-memory part of the dashboard: rows, KPIs, departments and range averages from the loaded columns.</summary>
internal static class DashboardAggregates
{
    public static List<ScoreRow> Rows(IReadOnlyList<ScoreDay> scores, IReadOnlyList<ActionItems> actionItems,
        Dictionary<string, RoleDefinition> roles, HashSet<int> clockedIn)
    {
        // The range's primary role by the spec's rule, over the role names the range's windows had.
        var primaryRoles = actionItems
            .Where(a => a.Windows > 0 && roles.ContainsKey(a.Action))
            .GroupBy(a => a.EmployeeId)
            .ToDictionary(g => g.Key, g => RoleRules.PrimaryRole(g
                .GroupBy(a => roles[a.Action].RoleName, StringComparer.Ordinal)
                .Select(r => KeyValuePair.Create(r.Key, r.Sum(a => (long)a.Items)))));

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
            // One day: the stored ratios are the spec's (computed from unrounded minutes); several: ratios of the sums,
            // unrounded: the screen rounds once, when it shows them.
            var utilization = list.Count == 1 ? latest.Utilization : clocked > 0 ? active / clocked : 0;
            var performance = list.Count == 1 ? latest.Performance : active > 0 ? standard / active : null;
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
            clocked > 0 ? active / clocked : 0,
            Sum(scores, s => s.Points),
            Math.Round(clocked / 60, 2, MidpointRounding.AwayFromZero),
            Math.Round(active / 60, 2, MidpointRounding.AwayFromZero));
    }

    /// <summary>Departments by items, then name. Each person's clocked minutes are split by their standard minutes per department.</summary>
    public static List<DepartmentRow> Departments(IReadOnlyList<ScoreDay> scores, IReadOnlyList<ActionItems> actionItems,
        Dictionary<string, RoleDefinition> roles)
    {
        var clockedOf = scores.GroupBy(s => s.EmployeeId).ToDictionary(g => g.Key, g => g.Sum(s => s.ClockedMinutes));
        var cells = actionItems
            .Where(a => a.Items > 0)
            .Select(a => roles.TryGetValue(a.Action, out var role)
                ? (a.EmployeeId, role.Department, a.Items, Standard: (double)RoleRules.StandardMinutes(a.Items, role))
                : (a.EmployeeId, Department: DepartmentRow.Unassigned, a.Items, Standard: 0.0))
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

    private static double Average(double total, int count) => Math.Round(total / count, 2, MidpointRounding.AwayFromZero);
}
