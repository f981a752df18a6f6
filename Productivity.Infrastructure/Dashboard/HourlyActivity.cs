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
        // The recompute stores each employee's items per hour of the day (a row per active hour), so an hour's people
        // are its rows: a few per person instead of the day's windows.
        var hours = (await db.DailyHourTotals.AsNoTracking()
                .Where(t => t.BusinessDay == day)
                .GroupBy(t => t.Hour)
                .Select(g => new { Hour = g.Key, Items = g.Sum(t => t.Items), People = g.Count() })
                .ToListAsync(cancellationToken))
            .Select(h => (h.Hour, h.Items, h.People)).ToList();
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
}
