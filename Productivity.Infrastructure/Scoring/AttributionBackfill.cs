using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Productivity.Core.Sync;
using Productivity.Core.Time;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Infrastructure.Scoring;

/// <summary>
/// Rescores, once at start-up, the days of credited windows that carry no stored attribution yet (a database from
/// before the attribution was stored), so every screen's grouping finds them. Runs after the migrations; with nothing
/// to do it costs one indexed query.
/// </summary>
internal sealed class AttributionBackfill(
    IDbContextFactory<ProductivityDbContext> contextFactory,
    ScoreRecalculationService scoring,
    SiteClock siteClock,
    ILogger<AttributionBackfill> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        List<(int EmployeeId, DateTime StartUtc)> windows;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            windows = (await db.Activities.AsNoTracking()
                    .Where(a => a.EmployeeId != null && a.BusinessDay == null)
                    .Select(a => new { EmployeeId = a.EmployeeId!.Value, a.WindowStartUtc })
                    .ToListAsync(cancellationToken))
                .Select(a => (a.EmployeeId, a.WindowStartUtc)).ToList();
        }
        if (windows.Count == 0)
        {
            return;
        }
        // The day a window starts on, and the day before (a night shift's window after midnight is that day's).
        var pairs = windows
            .Select(w => new EmployeeDay(w.EmployeeId, siteClock.BusinessDayOf(w.StartUtc)))
            .SelectMany(p => new[] { p, p with { Day = p.Day.AddDays(-1) } })
            .ToHashSet();
        await scoring.RecalculateAsync(pairs, cancellationToken);
        logger.LogInformation("Stored the attribution of {Windows} activity windows ({Pairs} employee-days rescored).", windows.Count, pairs.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
