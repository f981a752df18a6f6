using Productivity.Core.Time;

namespace Productivity.Core.Reports;

/// <summary>
/// Which business days a summary covers, from the moment it runs. A summary is due at a site-local time of day (daily)
/// or on Mondays at that time (weekly); a run reports on the days before its latest due time at or before the run,
/// not before the run itself. So a firing that starts late (a node was down, Quartz's misfire or the start-up catch-up)
/// still reports the period it was due for, and two runs of one firing ask for the same period (its de-duplication key).
/// </summary>
public static class SummaryPeriod
{
    /// <summary>The site-local business day on which the latest firing at or before <paramref name="runUtc"/> was due.</summary>
    public static DateOnly DueDay(SummaryKind kind, DateTime runUtc, TimeOnly dueTime, SiteClock siteClock)
    {
        var local = siteClock.ToLocal(runUtc);
        var day = DateOnly.FromDateTime(local);
        // Before today's due time the latest due firing was on an earlier day. On a spring-forward day a due time inside
        // the skipped hour fires at the first instant after it (Quartz), which is later than the due time: still today.
        if (TimeOnly.FromDateTime(local) < dueTime)
        {
            day = day.AddDays(-1);
        }
        if (kind == SummaryKind.Weekly)
        {
            day = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        }
        return day;
    }

    /// <summary>The inclusive business days reported by the firing due on <paramref name="dueDay"/>.</summary>
    public static (DateOnly From, DateOnly To) Of(SummaryKind kind, DateOnly dueDay) => kind == SummaryKind.Weekly
        ? (dueDay.AddDays(-7), dueDay.AddDays(-1))
        : (dueDay.AddDays(-1), dueDay.AddDays(-1));
}
