using Productivity.Core.Dashboard;
using Productivity.Core.Reports;

namespace Productivity.Infrastructure.Reports;

/// <summary>
/// The facts of one summary e-mail (no wording: Productivity.Web's <see cref="ISummaryMailComposer"/> writes it).
/// KPIs, departments and the per-person rows are the dashboard's read model of the same days, so the e-mail and the
/// dashboard agree.
/// </summary>
/// <param name="Top">Up to five people with the highest performance over the period (people with active time only).</param>
/// <param name="Bottom">Up to five with the lowest, lowest first; nobody in both lists.</param>
/// <param name="DataQuality">Stored findings of the period per kind (the Exceptions page's kinds), kinds with none left out.</param>
/// <param name="UnmappedEmails">PodFactory e-mails waiting for a mapping now (the Exceptions page's first rows).</param>
/// <param name="UnmappedItems">Their items, credited to nobody until mapped.</param>
/// <param name="ScoresFileName">The attached xlsx of the period's daily scores (the score export).</param>
public sealed record SummaryReport(
    SummaryKind Kind,
    DateOnly From,
    DateOnly To,
    DashboardKpis Kpis,
    IReadOnlyList<DepartmentRow> Departments,
    IReadOnlyList<ScoreRow> Top,
    IReadOnlyList<ScoreRow> Bottom,
    IReadOnlyList<DataQualityCount> DataQuality,
    int UnmappedEmails,
    int UnmappedItems,
    string ScoresFileName);

/// <param name="Kind">An <see cref="Exceptions.ExceptionKinds"/> value.</param>
public sealed record DataQualityCount(string Kind, int Count);

/// <summary>
/// Writes a summary e-mail (subject, HTML and plain text) for one recipient. Implemented in Productivity.Web (every
/// user-facing sentence lives there); the report service reaches it through this port.
/// </summary>
public interface ISummaryMailComposer
{
    Task<ComposedMail> ComposeAsync(SummaryReport report, CancellationToken cancellationToken = default);
}

public sealed record ComposedMail(string Subject, string HtmlBody, string TextBody);
