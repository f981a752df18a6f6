using Productivity.Core.Dashboard;
using Productivity.Core.Reports;
using Productivity.Infrastructure.Dashboard;
using Productivity.Infrastructure.Exceptions;

namespace Productivity.Infrastructure.Reports;

/// <summary>A summary's facts from the stored data: the dashboard's model of the period and the exceptions' counts.</summary>
public sealed class SummaryReportBuilder(DashboardQueries dashboard, ExceptionQueries exceptions)
{
    public const int RankedPeople = 5;

    public async Task<SummaryReport> BuildAsync(SummaryKind kind, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var model = await dashboard.GetModelAsync(new DashboardRange(from, to), cancellationToken);
        var (findings, unmappedEmails, unmappedItems) = await exceptions.CountsAsync(from, to, cancellationToken);
        var (top, bottom) = Rank(model.Rows);
        return new SummaryReport(kind, from, to, model.Summary.Kpis, model.Summary.Departments, top, bottom,
            findings, unmappedEmails, unmappedItems, ScoresFileName(from, to));
    }

    /// <summary>Highest and lowest performance, ties by name; a person in the top five is never also in the bottom five.</summary>
    public static (IReadOnlyList<ScoreRow> Top, IReadOnlyList<ScoreRow> Bottom) Rank(IEnumerable<ScoreRow> rows)
    {
        var ranked = rows.Where(r => r.Performance is not null)
            .OrderByDescending(r => r.Performance).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.EmployeeId)
            .ToList();
        var top = ranked.Take(RankedPeople).ToList();
        var bottom = ranked.Skip(top.Count).Reverse().Take(RankedPeople).ToList();
        return (top, bottom);
    }

    public static string ScoresFileName(DateOnly from, DateOnly to) => from == to
        ? $"scores-{from:yyyy-MM-dd}.xlsx"
        : $"scores-{from:yyyy-MM-dd}-to-{to:yyyy-MM-dd}.xlsx";
}
