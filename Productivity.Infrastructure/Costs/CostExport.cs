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
        // Only the columns the row needs: the money is derived from the stored rate and minutes by the one rule.
        var scores = db.DailyScores.AsNoTracking()
            .Where(s => s.BusinessDay >= from && s.BusinessDay <= to)
            .Join(db.Employees, s => s.EmployeeId, e => e.Id, (s, e) => new
            {
                s.BusinessDay, s.EmployeeId, e.Name, e.ConnecteamUserId, s.HourlyRate, s.PaidMinutes, s.IdleMinutes, s.Items, s.StandardMinutes,
            })
            .OrderBy(r => r.BusinessDay).ThenBy(r => r.Name).ThenBy(r => r.EmployeeId)
            .AsAsyncEnumerable()
            .WithCancellation(cancellationToken);
        await foreach (var r in scores)
        {
            yield return new Row(r.BusinessDay, r.EmployeeId, r.Name, r.ConnecteamUserId, r.PaidMinutes, r.Items, r.StandardMinutes,
                LabourCost.OfDay(r.HourlyRate, r.PaidMinutes, r.IdleMinutes, r.Items, r.StandardMinutes));
        }
    }

    internal sealed record Row(DateOnly Day, int EmployeeId, string Name, long? ConnecteamUserId, double PaidMinutes, int Items,
        double StandardMinutes, DayCost Cost);
}
