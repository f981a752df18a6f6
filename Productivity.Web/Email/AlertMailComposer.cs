using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Productivity.Core.Time;
using Productivity.Infrastructure.Alerts;
using Productivity.Infrastructure.Reports;
using Productivity.Web.Components.Shared;

namespace Productivity.Web.Email;

/// <summary>
/// Words alert e-mails (Infrastructure's <see cref="IAlertMailComposer"/> port) like <see cref="SummaryMailComposer"/>:
/// the HTML body is <see cref="AlertMailBody"/> rendered with <see cref="HtmlRenderer"/>, the text body is written here.
/// </summary>
internal sealed class AlertMailComposer(IServiceProvider services, ILoggerFactory loggerFactory, SiteClock clock) : IAlertMailComposer
{
    public async Task<ComposedMail> ComposeAsync(AlertMail mail, CancellationToken cancellationToken = default)
    {
        await using var renderer = new HtmlRenderer(services, loggerFactory);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<AlertMailBody>(
                ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(AlertMailBody.Mail)] = mail }));
            return output.ToHtmlString();
        });
        return new ComposedMail(Subject(mail), $"<!DOCTYPE html><html><body>{html}</body></html>", Text(mail));
    }

    public static string Heading(AlertMail mail) =>
        mail.IsDigest
            ? string.Create(CultureInfo.InvariantCulture, $"{mail.Alerts.Count} new alerts")
            : $"New alert: {AlertRuleText.Title(mail.Alerts[0].Alert.Kind).ToLowerInvariant()}";

    public static string Subject(AlertMail mail) =>
        mail.IsDigest || mail.Alerts[0].EmployeeName is null
            ? $"Productivity: {Heading(mail).ToLowerInvariant()}"
            : $"Productivity: {Heading(mail).ToLowerInvariant()} – {mail.Alerts[0].EmployeeName}";

    private string Text(AlertMail mail)
    {
        var text = new StringBuilder().AppendLine(Heading(mail)).AppendLine();
        foreach (var item in mail.Alerts)
        {
            text.AppendLine($"- {AlertRuleText.Title(item.Alert.Kind)}: {AlertMailText.Sentence(item, clock)}");
            text.AppendLine($"  {AlertMailText.Link(item.Alert, mail.BaseUrl) ?? $"See {AlertMailText.PageName(item.Alert)} ({AlertMailText.Path(item.Alert)})."}");
        }
        return text.AppendLine().AppendLine("You receive this because you subscribed to these alert rules on your profile's e-mail page.").ToString();
    }
}
