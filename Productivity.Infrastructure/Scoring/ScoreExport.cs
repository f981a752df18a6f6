using Microsoft.EntityFrameworkCore;
using Productivity.Infrastructure.Exports;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Infrastructure.Scoring;

/// <summary>
/// The score export: one row per employee per day, site-local dates, ordered by day and name, as CSV or xlsx
/// (<see cref="ExportTable{TRow}"/>); an empty cell for a missing performance.
/// </summary>
public sealed class ScoreExport(IDbContextFactory<ProductivityDbContext> contextFactory)
{
    public const string Header =
        "date,employee_id,employee_name,connecteam_user_id,items,points,clocked_minutes,active_minutes,idle_minutes,utilization," +
        "standard_minutes,performance,primary_role,unclocked_items,unclocked_windows";

    // Date, id and name stay in view when scrolling sideways through the numbers.
    internal static readonly ExportTable<Row> Table = new ExportTable<Row>("Scores", frozenColumns: 3)
        .Date("date", r => r.Day)
        .Integer("employee_id", r => r.EmployeeId)
        .Text("employee_name", r => r.Name)
        .Integer("connecteam_user_id", r => r.ConnecteamUserId)
        .Integer("items", r => r.Items)
        .Number("points", r => r.Points)
        .Number("clocked_minutes", r => r.ClockedMinutes)
        .Number("active_minutes", r => r.ActiveMinutes)
        .Number("idle_minutes", r => r.IdleMinutes)
        .Number("utilization", r => r.Utilization)
        .Number("standard_minutes", r => r.StandardMinutes)
        .Number("performance", r => r.Performance)
        .Text("primary_role", r => r.PrimaryRole)
        .Integer("unclocked_items", r => r.UnclockedItems)
        .Integer("unclocked_windows", r => r.UnclockedWindows);

    /// <summary>Writes the days <paramref name="from"/>..<paramref name="to"/> to <paramref name="output"/>; returns the rows written.</summary>
    public async Task<int> WriteAsync(ExportFormat format, DateOnly from, DateOnly to, Stream output,
        IReadOnlyCollection<int>? employeeIds = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await Table.WriteAsync(format, Rows(db, from, to, employeeIds), output, cancellationToken);
    }

    /// <summary>The rows in export order, streamed from the reader: a month of a large floor is never held in memory.</summary>
    internal static IAsyncEnumerable<Row> Rows(ProductivityDbContext db, DateOnly from, DateOnly to, IReadOnlyCollection<int>? employeeIds)
    {
        var query = db.DailyScores.AsNoTracking().Where(s => s.BusinessDay >= from && s.BusinessDay <= to);
        if (employeeIds is not null)
        {
            query = query.Where(s => employeeIds.Contains(s.EmployeeId));
        }
        return query
            .Join(db.Employees, s => s.EmployeeId, e => e.Id, (s, e) => new { Score = s, e.Name, e.ConnecteamUserId })
            .OrderBy(r => r.Score.BusinessDay).ThenBy(r => r.Name).ThenBy(r => r.Score.EmployeeId)
            .Select(r => new Row(r.Score.BusinessDay, r.Score.EmployeeId, r.Name, r.ConnecteamUserId, r.Score.Items, r.Score.Points,
                r.Score.ClockedMinutes, r.Score.ActiveMinutes, r.Score.IdleMinutes, r.Score.Utilization, r.Score.StandardMinutes,
                r.Score.Performance, r.Score.PrimaryRole, r.Score.UnclockedItems, r.Score.UnclockedWindows))
            .AsAsyncEnumerable();
    }

    internal sealed record Row(DateOnly Day, int EmployeeId, string Name, long? ConnecteamUserId, int Items, double Points,
        double ClockedMinutes, double ActiveMinutes, double IdleMinutes, double Utilization, double StandardMinutes,
        double? Performance, string? PrimaryRole, int UnclockedItems, int UnclockedWindows);
}
