using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Productivity.Core.Dashboard;
using Productivity.Core.Time;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Infrastructure.Dashboard;

/// <summary>Items and active people per site-local hour of one business day, from the stored activity windows.</summary>
internal static class HourlyActivity
{
    public static async Task<IReadOnlyList<HourlyPoint>> LoadAsync(ProductivityDbContext db, SiteClock siteClock, DateOnly day,
        CancellationToken cancellationToken)
    {
        var (start, end) = siteClock.UtcRangeOf(day);
        // 23, 24 or 25 hours; every local hour starts a whole number of UTC hours after local midnight.
        var hours = (int)((end - start).Ticks / TimeSpan.TicksPerHour);
        var items = new int[hours];
        var people = new int[hours];
        if (start.Ticks % TimeSpan.TicksPerHour == 0)
        {
            // Local hours are UTC hours here, so the database groups by UTC hour and returns one row per hour.
            var rows = await db.Activities.AsNoTracking()
                .Where(a => a.EmployeeId != null && a.WindowStartUtc >= start && a.WindowStartUtc < end)
                .GroupBy(a => new { a.WindowStartUtc.Date, a.WindowStartUtc.Hour })
                .Select(g => new { g.Key.Date, g.Key.Hour, Items = g.Sum(a => a.ItemsCount), People = g.Select(a => a.EmployeeId).Distinct().Count() })
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                var index = (int)((DateTime.SpecifyKind(row.Date, DateTimeKind.Utc).AddHours(row.Hour) - start).Ticks / TimeSpan.TicksPerHour);
                items[index] += row.Items;
                people[index] += row.People;
            }
        }
        else
        {
            // A zone whose offset is not a whole hour (e.g. UTC+05:30): local hours start mid-UTC-hour, so bucket here.
            var rows = await db.Activities.AsNoTracking()
                .Where(a => a.EmployeeId != null && a.WindowStartUtc >= start && a.WindowStartUtc < end)
                .Select(a => new { EmployeeId = a.EmployeeId!.Value, a.WindowStartUtc, a.ItemsCount })
                .ToListAsync(cancellationToken);
            foreach (var hour in rows.GroupBy(r => (int)((r.WindowStartUtc - start).Ticks / TimeSpan.TicksPerHour)))
            {
                items[hour.Key] = hour.Sum(r => r.ItemsCount);
                people[hour.Key] = hour.Select(r => r.EmployeeId).Distinct().Count();
            }
        }

        var points = new List<HourlyPoint>(hours);
        var labels = new HashSet<string>();
        for (var i = 0; i < hours; i++)
        {
            var hourStart = start.AddHours(i);
            var label = siteClock.ToLocal(hourStart).ToString("HH:00", CultureInfo.InvariantCulture);
            // The hour a fall-back change repeats gets a second label of its own.
            points.Add(new HourlyPoint(hourStart, labels.Add(label) ? label : label + " (2nd)", items[i], people[i]));
        }
        return points;
    }
}
