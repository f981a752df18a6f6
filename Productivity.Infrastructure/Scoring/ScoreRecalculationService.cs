using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Productivity.Core.Realtime;
using Productivity.Core.Scoring;
using Productivity.Core.Sync;
using Productivity.Core.Time;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Infrastructure.Scoring;

/// <summary>
/// Load → calculate → persist → notify for a set of (employee, business day) pairs. Inputs are read with a fixed
/// number of queries per batch of days (never one per row), every result of a batch is written in one transaction,
/// and recomputing gives the same rows however often it runs.
/// </summary>
public sealed class ScoreRecalculationService(
    IDbContextFactory<ProductivityDbContext> contextFactory,
    SiteClock siteClock,
    TimeProvider timeProvider,
    IScoreUpdateNotifier notifier,
    ILogger<ScoreRecalculationService> logger)
{
    /// <summary>Days computed together; bounds memory on long ranges.</summary>
    public const int DaysPerBatch = 7;

    public async Task<int> RecalculateAsync(IReadOnlyCollection<EmployeeDay> pairs, CancellationToken cancellationToken = default)
    {
        if (pairs.Count == 0)
        {
            return 0;
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var calculator = await CreateCalculatorAsync(db, siteClock.TimeZone, cancellationToken);
        var written = 0;
        var days = pairs.Select(p => p.Day).Distinct().Order().ToList();
        foreach (var batch in Batches(days))
        {
            var batchPairs = pairs.Where(p => p.Day >= batch.From && p.Day <= batch.To).ToHashSet();
            written += await RecalculateBatchAsync(db, calculator, batch.From, batch.To, batchPairs, cancellationToken);
            await notifier.PublishAsync(new ScoresUpdated(
                batchPairs.Select(p => p.Day).Distinct().Order().ToList(),
                batchPairs.Select(p => p.EmployeeId).Distinct().Order().ToList(),
                timeProvider.GetUtcNow()), cancellationToken);
        }
        return written;
    }

    public static async Task<ScoreCalculator> CreateCalculatorAsync(ProductivityDbContext db, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var roles = await db.ActionRoles.AsNoTracking().ToListAsync(cancellationToken);
        return new ScoreCalculator(new RoleTable(roles.Select(r => r.ToDefinition())),
            await StoredScoringParameters.LoadAsync(db, cancellationToken), zone);
    }

    private async Task<int> RecalculateBatchAsync(ProductivityDbContext db, ScoreCalculator calculator, DateOnly from, DateOnly to,
        HashSet<EmployeeDay> pairs, CancellationToken cancellationToken)
    {
        var employeeIds = pairs.Select(p => p.EmployeeId).Distinct().ToList();
        var inputs = await ScoreInputs.LoadAsync(db, siteClock, employeeIds, from, to, cancellationToken);
        var now = timeProvider.GetUtcNow().UtcDateTime;

        var scores = new List<DailyScore>();
        var idle = new List<IdlePeriodRecord>();
        var quality = new List<DataQualityRecord>();
        foreach (var employeeId in employeeIds)
        {
            var (shifts, windows) = inputs.For(employeeId);
            foreach (var day in calculator.Calculate(shifts, windows, now, from, to))
            {
                if (!pairs.Contains(new EmployeeDay(employeeId, day.BusinessDay)))
                {
                    continue;
                }
                scores.Add(ScoreRows.Score(employeeId, day, now));
                idle.AddRange(day.IdlePeriods.Select(p => ScoreRows.Idle(employeeId, day.BusinessDay, p)));
                quality.AddRange(day.Flags.Select(f => ScoreRows.Quality(employeeId, day.BusinessDay, f)));
            }
        }

        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // One delete per distinct day and table: derived rows are replaced, never duplicated.
            foreach (var group in pairs.GroupBy(p => p.Day))
            {
                var day = group.Key;
                var ids = group.Select(p => p.EmployeeId).ToList();
                await db.DailyScores.Where(s => s.BusinessDay == day && ids.Contains(s.EmployeeId)).ExecuteDeleteAsync(cancellationToken);
                await db.IdlePeriods.Where(s => s.BusinessDay == day && ids.Contains(s.EmployeeId)).ExecuteDeleteAsync(cancellationToken);
                await db.DataQuality.Where(s => s.BusinessDay == day && ids.Contains(s.EmployeeId)).ExecuteDeleteAsync(cancellationToken);
            }
            db.DailyScores.AddRange(scores);
            db.IdlePeriods.AddRange(idle);
            db.DataQuality.AddRange(quality);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
        db.ChangeTracker.Clear();
        logger.LogDebug("Recomputed {Pairs} employee-days {From}..{To}: {Scores} scores, {Idle} idle periods.",
            pairs.Count, from, to, scores.Count, idle.Count);
        return scores.Count;
    }

    private static IEnumerable<(DateOnly From, DateOnly To)> Batches(List<DateOnly> days)
    {
        var index = 0;
        while (index < days.Count)
        {
            var from = days[index];
            var to = from.AddDays(DaysPerBatch - 1);
            while (index < days.Count && days[index] <= to)
            {
                index++;
            }
            yield return (from, days[index - 1]);
        }
    }
}
