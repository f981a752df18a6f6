using Microsoft.EntityFrameworkCore;
using Productivity.Core.Sync;
using Productivity.Core.Time;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Infrastructure.Scoring;

/// <summary>Today's open shifts: their active and clocked time grow with "now", so they are rescored every minute.</summary>
public sealed class OpenShiftScoring(
    IDbContextFactory<ProductivityDbContext> contextFactory,
    ScoreRecalculationService scoring,
    SiteClock siteClock,
    TimeProvider timeProvider)
{
    public async Task<int> RecalculateOpenShiftsAsync(CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var since = siteClock.BusinessDayOf(now).AddDays(-1);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // Open sessions, someone on a break included: their clocked and idle time grow with "now".
        var sessions = await StoredSessions.LoadAsync(db, siteClock, since, since.AddDays(1), null, cancellationToken);
        var pairs = sessions.Where(s => s.ClockOutUtc is null && s.ClockInUtc <= now)
            .Select(s => new EmployeeDay(s.EmployeeId, s.BusinessDay))
            .Distinct()
            .ToList();
        return await scoring.RecalculateAsync(pairs, cancellationToken);
    }
}
