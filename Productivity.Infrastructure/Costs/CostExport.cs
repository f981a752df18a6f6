using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Productivity.Core.Costs;
using Productivity.Infrastructure.Exports;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Infrastructure.Costs;

/// <summary>
/// The labour-cost export: one row per employee per day that has a score row, ordered by day and name, site-local dates,
/// '.' decimals, empty cells for a day without a rate (and for ratios without items or standard minutes), as CSV or xlsx.
/// Every figure is the stored day's, by the one rule (<see cref="LabourCost"/>), so it equals the page and the employee day.
/// </summary>
public sealed class CostExport(IDbContextFactory<ProductivityDbContext> contextFactory)
{
    public const string Header =
        "date,employee_id,employee_name,connecteam_user_id,hourly_rate,paid_minutes,labour_cost,idle_cost,items,cost_per_item," +
        "standard_minutes,cost_per_standard_hour";

    internal static readonly ExportTable<Row> Table = new ExportTable<Row>("Labour cost", frozenColumns: 3)
        .Date("date", r => r.Day)
        .Integer("employee_id", r => r.EmployeeId)
        .Text("employee_name", r => r.Name)
        .Integer("connecteam_user_id", r => r.ConnecteamUserId)
        // A rate may have four decimals (18.375): a number column keeps them, a money column would round to cents.
        .Number("hourly_rate", r => (double?)r.Cost.HourlyRate)
        .Number("paid_minutes", r => r.PaidMinutes)
        .Money("labour_cost", r => r.Cost.LabourCost)
        .Money("idle_cost", r => r.Cost.IdleCost)
        .Integer("items", r => r.Items)
        .Money("cost_per_item", r => r.Cost.CostPerItem)
        .Number("standard_minutes", r => r.StandardMinutes)
        .Money("cost_per_standard_hour", r => r.Cost.CostPerStandardHour);

    /// <summary>Writes the days <paramref name="from"/>..<paramref name="to"/> to <paramref name="output"/>; returns the rows written.</summary>
    public async Task<int> WriteAsync(ExportFormat format, DateOnly from, DateOnly to, Stream output, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await Table.WriteAsync(format, RowsAsync(db, from, to, cancellationToken), output, cancellationToken);
    }

    // Streamed row by row from the reader, each day's money computed from its stored minutes and rate.
    private static async IAsyncEnumerable<Row> RowsAsync(ProductivityDbContext db, DateOnly from, DateOnly to,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sources = Query(db, from, to)
            .OrderBy(r => r.Day).ThenBy(r => r.Name).ThenBy(r => r.EmployeeId)
            .AsAsyncEnumerable()
            .WithCancellation(cancellationToken);
        await foreach (var source in sources)
        {
            yield return RowOf(source);
        }
    }

    /// <summary>
    /// Only the columns a row needs, unordered (the export orders by day and name, the read API by day and employee id);
    /// the money is derived from the stored rate and minutes by the one rule (<see cref="RowOf"/>).
    /// </summary>
    internal static IQueryable<Source> Query(ProductivityDbContext db, DateOnly from, DateOnly to) =>
        db.DailyScores.AsNoTracking()
            .Where(s => s.BusinessDay >= from && s.BusinessDay <= to)
            .Join(db.Employees, s => s.EmployeeId, e => e.Id, (s, e) => new Source
            {
                Day = s.BusinessDay, EmployeeId = s.EmployeeId, Name = e.Name, ConnecteamUserId = e.ConnecteamUserId, HourlyRate = s.HourlyRate,
                PaidMinutes = s.PaidMinutes, IdleMinutes = s.IdleMinutes, Items = s.Items, StandardMinutes = s.StandardMinutes,
            });

    internal static Row RowOf(Source r) =>
        new(r.Day, r.EmployeeId, r.Name, r.ConnecteamUserId, r.PaidMinutes, r.Items, r.StandardMinutes,
            LabourCost.OfDay(r.HourlyRate, r.PaidMinutes, r.IdleMinutes, r.Items, r.StandardMinutes));

    internal sealed record Source
    {
        public DateOnly Day { get; init; }
        public int EmployeeId { get; init; }
        public string Name { get; init; } = "";
        public long? ConnecteamUserId { get; init; }
        public decimal? HourlyRate { get; init; }
        public double PaidMinutes { get; init; }
        public double IdleMinutes { get; init; }
        public int Items { get; init; }
        public double StandardMinutes { get; init; }
    }

    internal sealed record Row(DateOnly Day, int EmployeeId, string Name, long? ConnecteamUserId, double PaidMinutes, int Items,
        double StandardMinutes, DayCost Cost);
}
