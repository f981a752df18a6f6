using System.Globalization;
using Productivity.Core.EmployeeDays;
using Productivity.Core.Scoring;
using Productivity.Core.Time;

namespace Productivity.Web.Components.Pages.Employees;

/// <summary>Says in words which rule of scoring.md gave a gap its allowance.</summary>
internal static class GapRuleText
{
    public static string Describe(IdlePeriod gap, EmployeeDayReport report, SiteClock clock)
    {
        var parameters = report.Parameters;
        switch (gap.Rule)
        {
            case IdleRule.StartAllowance:
                return Text($"Clock-in to the first window: start allowance {parameters.StartAllowanceMinutes} min");
            case IdleRule.NoProduction:
                return "No production in this session: all of its paid time is idle";
            case IdleRule.AfterWindow:
                return $"After {Window(gap, report, clock)}: {Threshold(gap, report, atEnd: false)}";
            default:
                var session = report.Sessions.FirstOrDefault(s => s.ShiftId == gap.ShiftId);
                var cleanup = session?.ClockOutUtc is null
                    ? " (still clocked in: no cleanup allowance)"
                    : Text($" + cleanup {parameters.CleanupAllowanceMinutes} min");
                return $"Last window to the end of the shift, after {Window(gap, report, clock)}: {Threshold(gap, report, atEnd: true)}{cleanup}";
        }
    }

    private static string Window(IdlePeriod gap, EmployeeDayReport report, SiteClock clock)
    {
        var window = report.Windows.FirstOrDefault(w => w.PodFactoryId == gap.WindowId);
        var span = window is null ? "" : " " + DayFormat.Span(clock, window.StartUtc, window.EndUtc, report.Day);
        return Text($"{gap.WindowAction}{span} ({gap.WindowItems} items)");
    }

    private static string Threshold(IdlePeriod gap, EmployeeDayReport report, bool atEnd)
    {
        var role = report.Roles.FirstOrDefault(r => r.Action == gap.WindowAction);
        var parameters = report.Parameters;
        if (role is null)
        {
            return Text($"unknown action, threshold {ScoreCalculator.UnknownActionThresholdMinutes} min");
        }
        if (role.Kind == RoleKind.Continuous)
        {
            return Text($"{role.RoleName} (continuous) threshold {role.IdleThresholdMinutes} min");
        }
        var floor = atEnd ? parameters.BatchEndMinThresholdMinutes : parameters.BatchMinThresholdMinutes;
        return Text($"{role.RoleName} (batch) threshold max({floor}, {gap.WindowItems} × 60 / {role.ExpectedPerHour} × {parameters.BatchFactor}) min");
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
