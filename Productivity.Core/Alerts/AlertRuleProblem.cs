namespace Productivity.Core.Alerts;

/// <summary>Why a rule's settings cannot be saved (the page words them).</summary>
public enum AlertRuleProblem
{
    ThresholdOutOfRange,
    SecondThresholdOutOfRange,
    /// <summary>Only one end of the quiet hours is set.</summary>
    QuietHoursIncomplete,
    /// <summary>Quiet hours that start and end at the same time.</summary>
    QuietHoursEmpty,
}

public static class AlertRuleValidation
{
    /// <summary>The problems of <paramref name="rule"/>'s settings; empty when it may be saved.</summary>
    public static IReadOnlyList<AlertRuleProblem> Check(AlertRule rule)
    {
        var problems = new List<AlertRuleProblem>();
        var limits = AlertRuleDefaults.Limits[rule.Kind];
        if (limits.Threshold is { } threshold && !threshold.Allows(rule.Threshold))
        {
            problems.Add(AlertRuleProblem.ThresholdOutOfRange);
        }
        if (limits.SecondThreshold is { } second && (rule.SecondThreshold is not { } value || !second.Allows(value)))
        {
            problems.Add(AlertRuleProblem.SecondThresholdOutOfRange);
        }
        if (rule.QuietFrom.HasValue != rule.QuietUntil.HasValue)
        {
            problems.Add(AlertRuleProblem.QuietHoursIncomplete);
        }
        else if (rule.QuietFrom is { } from && from == rule.QuietUntil)
        {
            problems.Add(AlertRuleProblem.QuietHoursEmpty);
        }
        return problems;
    }
}
