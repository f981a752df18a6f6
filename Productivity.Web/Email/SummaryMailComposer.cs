using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Productivity.Core.Dashboard;
using Productivity.Core.Reports;
using Productivity.Infrastructure.Reports;
using Productivity.Web.Components.Pages.Exceptions;

namespace Productivity.Web.Email;

/// <summary>
/// Words the summary e-mails (Infrastructure's <see cref="ISummaryMailComposer"/> port): the HTML body is the
/// <see cref="SummaryMail"/> component rendered to a string with <see cref="HtmlRenderer"/> (no circuit, no browser),
/// the plain-text body is written here from the same facts and formats.
/// </summary>
internal sealed class SummaryMailComposer(IServiceProvider services, ILoggerFactory loggerFactory) : ISummaryMailComposer
{
    public async Task<ComposedMail> ComposeAsync(SummaryReport report, CancellationToken cancellationToken = default)
    {
        await using var renderer = new HtmlRenderer(services, loggerFactory);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<SummaryMail>(
                ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(SummaryMail.Report)] = report }));
            return output.ToHtmlString();
        });
        return new ComposedMail(Subject(report), $"<!DOCTYPE html><html><body>{html}</body></html>", Text(report));
    }

    public static string Subject(SummaryReport report) =>
        $"Productivity: {ReportFormat.Title(report.Kind).ToLowerInvariant()} for {ReportFormat.Period(report.From, report.To)}";

    public static string Text(SummaryReport report)
    {
        var text = new StringBuilder();
        var k = report.Kpis;
        text.AppendLine($"{ReportFormat.Title(report.Kind)}: {ReportFormat.Period(report.From, report.To)}").AppendLine();
        text.AppendLine("Key figures");
        text.AppendLine($"  People who worked: {ReportFormat.Count(k.Worked)}");
        text.AppendLine($"  Items: {ReportFormat.Count(k.Items)}");
        text.AppendLine($"  QC passed (goal): {ReportFormat.Count(k.QcPassedItems)} ({ReportFormat.Count(k.QcGoal)})");
        text.AppendLine($"  Points: {ReportFormat.Points(k.Points)}");
        text.AppendLine($"  Clocked hours: {ReportFormat.Hours(k.ClockedHours)}");
        text.AppendLine($"  Active hours: {ReportFormat.Hours(k.ActiveHours)}");
        text.AppendLine($"  Utilization: {ReportFormat.Percentage(k.Utilization)}").AppendLine();
        text.AppendLine("Departments (items, people, hours, items/h, expected/h)");
        if (report.Departments.Count == 0)
        {
            text.AppendLine("  No production.");
        }
        foreach (var d in report.Departments)
        {
            text.AppendLine($"  {d.Department}: {ReportFormat.Count(d.Items)}, {ReportFormat.Count(d.Headcount)}, {ReportFormat.Hours(d.Hours)}, " +
                $"{ReportFormat.Rate(d.ItemsPerHour)}, {ReportFormat.Rate(d.ExpectedPerHour)}");
        }
        People(text.AppendLine(), "Highest performance", report.Top);
        People(text.AppendLine(), "Lowest performance", report.Bottom);
        text.AppendLine().AppendLine("Open data-quality issues");
        if (report.DataQuality.Count == 0 && report.UnmappedEmails == 0)
        {
            text.AppendLine("  None.");
        }
        if (report.UnmappedEmails > 0)
        {
            text.AppendLine("  PodFactory e-mails waiting for a mapping (their items are credited to nobody): " +
                $"{ReportFormat.Count(report.UnmappedEmails)} ({ReportFormat.Count(report.UnmappedItems)} items)");
        }
        foreach (var finding in report.DataQuality)
        {
            text.AppendLine($"  {ExceptionKindText.Describe(finding.Kind)}: {ReportFormat.Count(finding.Count)}");
        }
        text.AppendLine().AppendLine($"Every person's daily scores are attached: {report.ScoresFileName}.");
        return text.ToString();
    }

    private static void People(StringBuilder text, string title, IReadOnlyList<ScoreRow> people)
    {
        text.AppendLine($"{title} (items, performance, utilization)");
        if (people.Count == 0)
        {
            text.AppendLine("  Nobody with active time.");
        }
        foreach (var p in people)
        {
            text.AppendLine($"  {p.Name} ({p.PrimaryRole ?? "–"}): {ReportFormat.Count(p.Items)}, {ReportFormat.Percentage(p.Performance)}, " +
                $"{ReportFormat.Percentage(p.Utilization)}");
        }
    }
}
