using Microsoft.EntityFrameworkCore;
using Productivity.Core.Sync;
using Productivity.Core.Time;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Scoring;

namespace Productivity.Infrastructure.Sync;

/// <summary>
/// The business day an activity window belongs to (spec: the day of the first clock session it overlaps, else the
/// site-local date of its start), for building the change feed.
/// </summary>
public sealed class ActivityDays(ProductivityDbContext db, SiteClock siteClock, TimeProvider timeProvider)
{
    // Open sessions end at the open-shift cap (at most a day); closed shifts longer than two days do not occur in practice.
    private static readonly TimeSpan Lookback = TimeSpan.FromDays(2);

    public async Task<IReadOnlyCollection<EmployeeDay>> DaysOfAsync(
        IReadOnlyCollection<(int EmployeeId, DateTime StartUtc, DateTime EndUtc)> windows, CancellationToken cancellationToken)
    {
        var days = new HashSet<EmployeeDay>();
        if (windows.Count == 0)
        {
            return days;
        }
        var employeeIds = windows.Select(w => w.EmployeeId).Distinct().ToList();
        var from = windows.Min(w => w.StartUtc) - Lookback;
        var to = windows.Max(w => w.EndUtc);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var cap = await StoredScoringParameters.OpenShiftCapAsync(db, cancellationToken);
        // Sessions as the calculator builds them (shifts joined by manual breaks; an open one ends at min(now, in + cap)).
        var spans = await StoredSessions.LoadAsync(db, siteClock, siteClock.BusinessDayOf(from).AddDays(-1), siteClock.BusinessDayOf(to),
            employeeIds, cancellationToken);
        var sessions = spans
            .Where(s => s.ClockInUtc <= now && s.ClockInUtc < to)
            .Select(s => (s.EmployeeId, In: s.ClockInUtc, Out: s.EndAt(now, cap), s.Id, s.BusinessDay))
            .Where(s => s.Out > s.In)
            .OrderBy(s => s.In).ThenBy(s => s.Out).ThenBy(s => s.Id)
            .GroupBy(s => s.EmployeeId)
            .ToDictionary(g => g.Key, g => g.ToList());

        foreach (var (employeeId, start, end) in windows)
        {
            var day = siteClock.BusinessDayOf(start);
            if (sessions.TryGetValue(employeeId, out var list))
            {
                foreach (var session in list)
                {
                    if (start < session.Out && end > session.In)
                    {
                        day = session.BusinessDay;
                        break;
                    }
                }
            }
            days.Add(new EmployeeDay(employeeId, day));
        }
        return days;
    }
}
