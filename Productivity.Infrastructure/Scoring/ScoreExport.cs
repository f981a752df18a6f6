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
    internal static IAsyncEnumerable<Row> Rows(ProductivityDbContext db, DateOnly from, DateOnly to, IReadOnlyCollection<int>? employeeIds) =>
        Query(db, from, to, employeeIds).OrderBy(r => r.Day).ThenBy(r => r.Name).ThenBy(r => r.EmployeeId).AsAsyncEnumerable();

    /// <summary>
    /// The range's rows, unordered: the export orders them by day and name, the read API by day and employee id (a
    /// key that a rename between two pages cannot move).
    /// </summary>
    internal static IQueryable<Row> Query(ProductivityDbContext db, DateOnly from, DateOnly to, IReadOnlyCollection<int>? employeeIds)
    {
        var query = db.DailyScores.AsNoTracking().Where(s => s.BusinessDay >= from && s.BusinessDay <= to);
        if (employeeIds is not null)
        {
            query = query.Where(s => employeeIds.Contains(s.EmployeeId));
        }
        // Member initialisation (not a constructor) so that later Where and OrderBy on the row's properties translate.
        return query
            .Join(db.Employees, s => s.EmployeeId, e => e.Id, (s, e) => new Row
            {
                Day = s.BusinessDay, EmployeeId = s.EmployeeId, Name = e.Name, ConnecteamUserId = e.ConnecteamUserId, Items = s.Items,
                Points = s.Points, ClockedMinutes = s.ClockedMinutes, ActiveMinutes = s.ActiveMinutes, IdleMinutes = s.IdleMinutes,
                Utilization = s.Utilization, StandardMinutes = s.StandardMinutes, Performance = s.Performance, PrimaryRole = s.PrimaryRole,
                UnclockedItems = s.UnclockedItems, UnclockedWindows = s.UnclockedWindows,
            });
    }

    internal sealed record Row
    {
        public DateOnly Day { get; init; }
        public int EmployeeId { get; init; }
        public string Name { get; init; } = "";
        public long? ConnecteamUserId { get; init; }
        public int Items { get; init; }
        public double Points { get; init; }
        public double ClockedMinutes { get; init; }
        public double ActiveMinutes { get; init; }
        public double IdleMinutes { get; init; }
        public double Utilization { get; init; }
        public double StandardMinutes { get; init; }
        public double? Performance { get; init; }
        public string? PrimaryRole { get; init; }
        public int UnclockedItems { get; init; }
        public int UnclockedWindows { get; init; }
    }
}
