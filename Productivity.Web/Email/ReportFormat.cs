using Productivity.Core.Reports;
using Productivity.Web.Components.Pages.Dashboard;
using Productivity.Web.Components.Shared;

namespace Productivity.Web.Email;

/// <summary>
/// How the summary e-mails write numbers and days: through the screens' own formats (<see cref="DashboardFormat"/>,
/// <see cref="Percent"/>), so the site's number format, when it becomes a setting, changes e-mails and screens together.
/// </summary>
internal static class ReportFormat
{
    public static string Count(int value) => DashboardFormat.Count(value);

    public static string Points(double value) => DashboardFormat.Points(value);

    public static string Hours(double hours) => DashboardFormat.Hours(hours);

    public static string Rate(double? perHour) => DashboardFormat.Rate(perHour);

    public static string Percentage(double? ratio) => Percent.Of(ratio);

    public static string Day(DateOnly day) => day.ToString("ddd d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    public static string Period(DateOnly from, DateOnly to) => from == to ? Day(from) : $"{Day(from)} – {Day(to)}";

    public static string Title(SummaryKind kind) => kind == SummaryKind.Weekly ? "Weekly summary" : "Daily summary";
}
