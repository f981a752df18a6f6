using System.Globalization;
using Productivity.Core.Dashboard;
using Productivity.Core.Time;

namespace Productivity.Infrastructure.Dashboard;

/// <summary>
/// Items and active people per site-local hour of one business day, from the activity windows attributed to that day,
/// so the hours add up to the day's items. A night shift's hours after midnight extend the day ("02:00 +1d").
/// </summary>
internal static class HourlyActivity
{
    public static IReadOnlyList<HourlyPoint> Build(SiteClock siteClock, DateOnly day, IReadOnlyList<(int EmployeeId, DateTime StartUtc, int Items)> windows)
    {
        var (start, end) = siteClock.UtcRangeOf(day);
        // Local hours start a whole number of hours after local midnight: 23, 24 or 25 of them in a day.
        var byHour = windows
            .GroupBy(w => Math.Max(0, (int)((w.StartUtc - start).Ticks / TimeSpan.TicksPerHour)))
            .ToDictionary(g => g.Key, g => (Items: g.Sum(w => w.Items), People: g.Select(w => w.EmployeeId).Distinct().Count()));
        var hours = Math.Max((int)((end - start).Ticks / TimeSpan.TicksPerHour), byHour.Count == 0 ? 0 : byHour.Keys.Max() + 1);

        var points = new List<HourlyPoint>(hours);
        var labels = new HashSet<string>();
        for (var i = 0; i < hours; i++)
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
