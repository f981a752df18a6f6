using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;
using Productivity.Core.Dashboard;

namespace Productivity.Web.Components.Pages.Dashboard;

/// <summary>
/// A score-table row as one piece of HTML. Each open dashboard keeps its table's last two render trees on the server;
/// written as elements, 25 rows were ~800 render frames (82 KB per circuit in two buffers), written as markup they are 25
/// frames and strings that an unchanged row shares from one render to the next. Every value is HTML-encoded.
/// </summary>
internal static class ScoreRowMarkup
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    /// <param name="columns">The shown columns, the name first.</param>
    /// <param name="day">The shown day, or null for a range (the name then links to that person's last day with a score).</param>
    public static MarkupString Of(ScoreRow row, IReadOnlyList<ScoreColumn> columns, DateOnly? day)
    {
        var html = new StringBuilder(512).Append("<tr><td data-label=\"").Append(Encoder.Encode(columns[0].Title)).Append("\">");
        if (row.IsClockedIn)
        {
            html.Append("<span class=\"clocked-in-dot\" title=\"Clocked in now\" data-testid=\"clocked-in-dot\"></span>");
        }
        html.Append("<a href=\"").Append(EmployeeUrls.Day(row.EmployeeId, day ?? row.LastDay))
            .Append("\" class=\"mud-link mud-primary-text mud-link-underline-hover\">").Append(Encoder.Encode(row.Name)).Append("</a></td>");
        for (var i = 1; i < columns.Count; i++)
        {
            html.Append("<td data-label=\"").Append(Encoder.Encode(columns[i].Title)).Append(columns[i].NoWrap ? "\" class=\"nowrap\">" : "\">")
                .Append(Encoder.Encode(columns[i].Text!(row) ?? "")).Append("</td>");
        }
        return new MarkupString(html.Append("</tr>").ToString());
    }
}
