using System.Globalization;
using Productivity.Core.Alerts;
using Productivity.Infrastructure.Alerts;
using Productivity.Web.Components.Pages.Admin.Sync;

namespace Productivity.Web.Components.Shared;

/// <summary>How an alert reads in the bell and the history: its kind, what it is about, its numbers and where it links.</summary>
public static class AlertText
{
    public const string SyncPage = "/admin/sync";
    public const string MappingsPage = "/admin/mappings";

    /// <summary>The kind's name, as the rules page calls it.</summary>
    public static string Kind(AlertKind kind) => AlertRuleText.Title(kind);

    /// <summary>The person, e-mail, job or feed the alert is about.</summary>
    public static string Subject(AlertItem alert) => alert.Kind switch
    {
        AlertKind.UnmappedEmail => alert.Reference ?? "",
        AlertKind.SyncFailing => alert.Reference is { } job ? JobText.Title(job) : "",
        AlertKind.StaleFeed => "PodFactory",
        _ => alert.EmployeeName ?? (alert.EmployeeId is { } id ? $"Employee #{id}" : ""),
    };

    /// <summary>The numbers that opened the alert (kept current while it holds), in the unit of its kind.</summary>
    public static string Numbers(AlertItem alert) => alert.Kind switch
    {
        AlertKind.IdleNow => F($"no window for {alert.Measure:0} min (limit {alert.Limit:0} min)"),
        AlertKind.ForgottenClockOut => F($"clocked in for {alert.Measure:0.#} h (limit {alert.Limit:0.#} h)"),
        AlertKind.UnclockedProduction => F($"{alert.Measure:0} items in {alert.Count ?? 0} windows outside a clock session"),
        AlertKind.UnmappedEmail => F($"{alert.Count ?? 0} rows, {alert.Measure:0} items today credited to nobody"),
        AlertKind.StaleFeed => F($"no new row for {alert.Measure:0} min (limit {alert.Limit:0} min) while {alert.Count ?? 0} people work"),
        AlertKind.SyncFailing => F($"{alert.Count ?? (int)alert.Measure} failed runs in a row (limit {alert.Limit:0})"),
        AlertKind.LowPerformance => F($"performance {alert.Measure:0.#} % (under {alert.Limit:0.#} %)"),
        _ => F($"{alert.Measure:0.#} (limit {alert.Limit:0.#})"),
    };

    /// <summary>The page the alert links to; the service has already checked that the viewer may open it.</summary>
    public static string Href(AlertItem alert) => alert.Target switch
    {
        AlertTarget.Sync => SyncPage,
        AlertTarget.Mappings => MappingsPage,
        _ when alert.EmployeeId is { } id && alert.BusinessDay is { } day => EmployeeUrls.Day(id, day),
        _ when alert.EmployeeId is { } id => EmployeeUrls.Employee(id),
        _ => "/alerts",
    };

    public static string LinkLabel(AlertTarget target) => target switch
    {
        AlertTarget.Sync => "Open the Sync page",
        AlertTarget.Mappings => "Open the mappings",
        _ => "Open the day",
    };

    public static string State(AlertItem alert) => alert.IsOpen ? "Open" : "Closed";

    public static string StateFilter(AlertStateFilter state) => state switch
    {
        AlertStateFilter.Open => "Open",
        AlertStateFilter.Closed => "Closed",
        AlertStateFilter.Acknowledged => "Acknowledged",
        AlertStateFilter.NotAcknowledged => "Not acknowledged",
        _ => "Any state",
    };

    public static string Acknowledged(string? name) => $"Acknowledged by {name}";

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
