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
        var pairs = await db.Shifts.AsNoTracking()
            .Where(s => s.ClockOutUtc == null && s.BusinessDay >= since && s.ClockInUtc <= now)
            .Select(s => new { s.EmployeeId, s.BusinessDay })
            .Distinct()
            .ToListAsync(cancellationToken);
        return await scoring.RecalculateAsync(pairs.Select(p => new EmployeeDay(p.EmployeeId, p.BusinessDay)).ToList(), cancellationToken);
    }
}
