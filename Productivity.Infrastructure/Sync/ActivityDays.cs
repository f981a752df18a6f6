using Productivity.Core.Scoring;
using Productivity.Core.Sync;
using Productivity.Core.Time;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Scoring;

namespace Productivity.Infrastructure.Sync;

/// <summary>
/// The business days that new or changed activity windows touch, for the change feed: the calculator's own
/// attribution (<see cref="ScoreCalculator.Attribute"/>) over the employees' stored sessions.
/// </summary>
public sealed class ActivityDays(ProductivityDbContext db, SiteClock siteClock, TimeProvider timeProvider)
{
    public async Task<IReadOnlyCollection<EmployeeDay>> DaysOfAsync(
        IReadOnlyCollection<(int EmployeeId, DateTime StartUtc, DateTime EndUtc)> windows, CancellationToken cancellationToken)
    {
        var days = new HashSet<EmployeeDay>();
        if (windows.Count == 0)
        {
            return days;
        }
        var calculator = await StoredScoringParameters.CalculatorAsync(db, siteClock.TimeZone, cancellationToken);
        // A window can belong to a session of its own day or of the day before (a night shift, at most the open-shift
        // cap long), as the recompute reads them.
        var firstDay = siteClock.BusinessDayOf(windows.Min(w => w.StartUtc)).AddDays(-1);
        var lastDay = siteClock.BusinessDayOf(windows.Max(w => w.EndUtc));
        var sessions = await StoredSessions.JoinedAsync(db, firstDay, lastDay, windows.Select(w => w.EmployeeId).Distinct().ToList(),
            cancellationToken);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        foreach (var group in windows.GroupBy(w => w.EmployeeId))
        {
            var shifts = sessions.TryGetValue(group.Key, out var joined) ? joined.Select(ScoringShift.From).ToList() : [];
            var scoring = group.Select(w => new ScoringWindow(0, string.Empty, 0, w.StartUtc, w.EndUtc)).ToList();
            foreach (var owner in calculator.Attribute(shifts, scoring, now))
            {
                days.Add(new EmployeeDay(group.Key, owner.BusinessDay));
            }
        }
        return days;
    }
}
