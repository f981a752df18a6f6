using Productivity.Core.Alerts;

namespace Productivity.Web.Components.Shared;

/// <summary>The words of the alert rules: names, what each threshold means, and why settings were refused.</summary>
public static class AlertRuleText
{
    public static string Title(AlertKind kind) => kind switch
    {
        AlertKind.IdleNow => "Idle now",
        AlertKind.ForgottenClockOut => "Forgotten clock-out",
        AlertKind.UnclockedProduction => "Production outside a clock session",
        AlertKind.UnmappedEmail => "Unmapped e-mail",
        AlertKind.StaleFeed => "Stale PodFactory feed",
        AlertKind.SyncFailing => "Sync job failing",
        AlertKind.LowPerformance => "Low performance",
        _ => kind.ToString(),
    };

    public static string Description(AlertKind kind) => kind switch
    {
        AlertKind.IdleNow =>
            "Someone clocked in, not on a break, with no window for longer than their role's idle threshold times the factor (never less than the minimum). Before the first window of a shift the start allowance stands for the role's threshold.",
        AlertKind.ForgottenClockOut => "A clock session open for longer than the given hours.",
        AlertKind.UnclockedProduction => "Items produced today that no clock session covers.",
        AlertKind.UnmappedEmail => "A PodFactory e-mail that no verified mapping covers sent rows today (rejected e-mails excepted).",
        AlertKind.StaleFeed =>
            "No new PodFactory row for the given minutes while at least the given number of people are clocked in and not on a break: the feed may be down.",
        AlertKind.SyncFailing => "A scheduled sync job whose latest runs all failed, as many in a row as given.",
        AlertKind.LowPerformance => "Someone's performance today under the given percent after at least the given active minutes.",
        _ => "",
    };

    /// <summary>The label of <see cref="AlertRule.Threshold"/>; null when the kind has none.</summary>
    public static string? ThresholdLabel(AlertKind kind) => kind switch
    {
        AlertKind.IdleNow => "Factor on the role's idle threshold",
        AlertKind.ForgottenClockOut => "Open for more than (h)",
        AlertKind.StaleFeed => "No new row for (min)",
        AlertKind.SyncFailing => "Failed runs in a row",
        AlertKind.LowPerformance => "Performance under (%)",
        _ => null,
    };

    /// <summary>The label of <see cref="AlertRule.SecondThreshold"/>; null when the kind has none.</summary>
    public static string? SecondThresholdLabel(AlertKind kind) => kind switch
    {
        AlertKind.IdleNow => "At least (min)",
        AlertKind.StaleFeed => "While clocked in, at least (people)",
        AlertKind.LowPerformance => "After active minutes",
        _ => null,
    };

    public static string Range(ThresholdLimit limit) =>
        $"{limit.Min:0.##} to {limit.Max:0.##}{(limit.WholeNumber ? ", a whole number" : "")}";

    /// <summary>The sentence of a refusal detail (an <see cref="AlertRuleProblem"/> name).</summary>
    public static string Problem(string problem) => problem switch
    {
        nameof(AlertRuleProblem.ThresholdOutOfRange) => "The threshold is outside its range.",
        nameof(AlertRuleProblem.SecondThresholdOutOfRange) => "The second threshold is outside its range.",
        nameof(AlertRuleProblem.QuietHoursIncomplete) => "Give both ends of the quiet hours, or neither.",
        nameof(AlertRuleProblem.QuietHoursEmpty) => "Quiet hours must not start and end at the same time.",
        _ => problem,
    };
}
