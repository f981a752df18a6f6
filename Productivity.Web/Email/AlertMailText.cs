using System.Globalization;
using Productivity.Core.Alerts;
using Productivity.Core.Time;
using Productivity.Infrastructure.Alerts;
using Productivity.Web.Components;
using Productivity.Web.Components.Shared;

namespace Productivity.Web.Email;

/// <summary>The words of one alert in an e-mail, and the page it links to (the same pages the bell links to).</summary>
internal static class AlertMailText
{
    /// <summary>One sentence about the alert, times in the site's zone.</summary>
    public static string Sentence(AlertMailItem item, SiteClock clock)
    {
        var a = item.Alert;
        var who = item.EmployeeName ?? "Someone";
        var since = a.SinceUtc is { } s ? clock.ToLocal(s).ToString("HH:mm", CultureInfo.InvariantCulture) : "–";
        return a.Kind switch
        {
            AlertKind.IdleNow => $"{who} has had no window since {since} ({Number(a.Measure)} min, limit {Number(a.Limit)} min).",
            AlertKind.ForgottenClockOut => $"{who} has been clocked in since {since} ({Number(a.Measure)} h, limit {Number(a.Limit)} h).",
            AlertKind.UnclockedProduction => $"{who} produced {Number(a.Measure)} items today outside any clock session.",
            AlertKind.UnmappedEmail => $"The PodFactory e-mail {a.Reference} sent {a.Count ?? 0} rows ({Number(a.Measure)} items) today and no mapping covers it.",
            AlertKind.StaleFeed => $"No new PodFactory row since {since} ({Number(a.Measure)} min) while {a.Count ?? 0} people are clocked in.",
            AlertKind.SyncFailing => $"The sync job {a.Reference} failed {a.Count ?? 0} times in a row.",
            AlertKind.LowPerformance => $"{who} is at {Number(a.Measure)} % performance today (limit {Number(a.Limit)} %).",
            _ => AlertRuleText.Title(a.Kind),
        };
    }

    /// <summary>The site-relative path of the page the alert links to.</summary>
    public static string Path(Alert alert) => AlertAudience.TargetOf(alert.Kind) switch
    {
        AlertTarget.Sync => "/admin/sync",
        AlertTarget.Mappings => "/admin/mappings",
        _ when alert.EmployeeId is { } id && alert.BusinessDay is { } day => EmployeeUrls.Day(id, day),
        _ => "/employees",
    };

    public static string PageName(Alert alert) => AlertAudience.TargetOf(alert.Kind) switch
    {
        AlertTarget.Sync => "the Sync page",
        AlertTarget.Mappings => "the Mappings page",
        _ => "the employee's day",
    };

    /// <summary>The absolute link with <c>Email:BaseUrl</c>; null without it (the e-mail names the page instead).</summary>
    public static string? Link(Alert alert, string? baseUrl) => baseUrl is null ? null : baseUrl + Path(alert);

    private static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
