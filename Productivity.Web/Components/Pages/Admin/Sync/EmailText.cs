using Productivity.Core.Reports;
using Productivity.Infrastructure.Reports;
using Productivity.Web.Email;

namespace Productivity.Web.Components.Pages.Admin.Sync;

/// <summary>The e-mail panel's sentences.</summary>
internal static class EmailText
{
    public static string Queued(SendNowResult result) =>
        $"{ReportFormat.Title(result.Kind)} for {ReportFormat.Period(result.From, result.To)} queued for {result.Recipients} " +
        $"{(result.Recipients == 1 ? "recipient" : "recipients")}.";
}
