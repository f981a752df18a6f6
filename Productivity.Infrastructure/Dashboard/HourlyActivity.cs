using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Productivity.Core.Dashboard;
using Productivity.Core.Time;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Infrastructure.Dashboard;

/// <summary>
/// Items and active people per site-local hour of one business day, from the activity windows attributed to that day,
/// so the hours add up to the day's items. A night shift's hours after midnight extend the day ("02:00 +1d").
/// </summary>
internal static class HourlyActivity
{
    public static async Task<IReadOnlyList<HourlyPoint>> LoadAsync(ProductivityDbContext db, SiteClock siteClock, DateOnly day,
        CancellationToken cancellationToken)
    {
        var (start, _) = siteClock.UtcRangeOf(day);
        var windows = db.Activities.AsNoTracking().Where(a => a.EmployeeId != null && a.BusinessDay == day);
        List<(int Hour, int Items, int People)> hours;
        if (db.Database.IsMySql())
        {
            // The server groups by hour (TIMESTAMPDIFF truncates towards zero, as the division below does). A window that
            // starts before the day's midnight (it overlaps the day's first session) counts in the first hour.
            hours = (await windows
                    .GroupBy(a => Math.Max(0, EF.Functions.DateDiffHour(start, a.WindowStartUtc)))
                    .Select(g => new { Hour = g.Key, Items = g.Sum(a => a.ItemsCount), People = g.Select(a => a.EmployeeId).Distinct().Count() })
                    .ToListAsync(cancellationToken))
                .Select(h => (h.Hour, h.Items, h.People)).ToList();
        }
        else
        {
            // SQLite groups too (a day's windows were read one by one before: ~12,000 rows for 300 people, most of a
            // live dashboard's rebuild): seconds since the epoch, integer-divided, truncated towards zero as above.
            var startSeconds = new DateTimeOffset(start).ToUnixTimeSeconds();
            hours = (await db.Database.SqlQuery<HourTotal>($"""
                    SELECT MAX(0, (CAST(strftime('%s', "WindowStartUtc") AS INTEGER) - {startSeconds}) / 3600) AS "Hour",
                           SUM("ItemsCount") AS "Items", COUNT(DISTINCT "EmployeeId") AS "People"
                    FROM "activities" WHERE "EmployeeId" IS NOT NULL AND "BusinessDay" = {day}
                    GROUP BY 1
                    """).ToListAsync(cancellationToken))
                .Select(h => (h.Hour, h.Items, h.People)).ToList();
        }
        return Build(siteClock, day, hours);
    }

    public static IReadOnlyList<HourlyPoint> Build(SiteClock siteClock, DateOnly day, IReadOnlyList<(int Hour, int Items, int People)> hours)
    {
        var (start, end) = siteClock.UtcRangeOf(day);
        var byHour = hours.ToDictionary(h => h.Hour, h => (h.Items, h.People));
        var count = Math.Max((int)((end - start).Ticks / TimeSpan.TicksPerHour), byHour.Count == 0 ? 0 : byHour.Keys.Max() + 1);

        // Local hours start a whole number of hours after local midnight: 23, 24 or 25 of them in a day.
        var points = new List<HourlyPoint>(count);
        var labels = new HashSet<string>();
        for (var i = 0; i < count; i++)
        {
            var hourStart = start.AddHours(i);
            var local = siteClock.ToLocal(hourStart);
            var label = local.ToString("HH:00", CultureInfo.InvariantCulture) + (DateOnly.FromDateTime(local) > day ? " +1d" : "");
            var (items, people) = byHour.GetValueOrDefault(i);
            // The hour a fall-back change repeats gets a second label of its own.
            points.Add(new HourlyPoint(hourStart, labels.Add(label) ? label : label + " (2nd)", items, people));
        }
        return points;
    }

    private sealed class HourTotal
    {
        public int Hour { get; init; }
        public int Items { get; init; }
        public int People { get; init; }
    }
}
