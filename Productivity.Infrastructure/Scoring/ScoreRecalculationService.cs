using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Productivity.Core.Realtime;
using Productivity.Core.Scoring;
using Productivity.Core.Sync;
using Productivity.Core.Time;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Sync;

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

    /// <summary>
    /// One batch at a time in this process, from reading its inputs to committing its rows. Without it a recompute
    /// that read its inputs before a new row was committed (the open-shift rescoring of every open shift, about a
    /// second) could commit after the sync's recompute that includes the row, and the row's items were gone from the
    /// scores until the next minute's rescoring: measured with the 10-s PodFactory poll, rows took up to 60 s to show.
    /// Serialised, whichever runs second reads what the first committed. (Two nodes can still interleave; the next
    /// open-shift rescoring repairs that within a minute.)
    /// </summary>
    private readonly SemaphoreSlim _oneBatchAtATime = new(1, 1);

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
            await _oneBatchAtATime.WaitAsync(cancellationToken);
            try
            {
                written += await RecalculateBatchAsync(db, calculator, batch.From, batch.To, batchPairs, cancellationToken);
            }
            finally
            {
                _oneBatchAtATime.Release();
            }
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

        var calculated = new List<(int EmployeeId, EmployeeDayScore Day)>();
        foreach (var employeeId in employeeIds)
        {
            var (shifts, windows) = inputs.For(employeeId);
            calculated.AddRange(calculator.Calculate(shifts, windows, now, from, to)
                .Where(day => pairs.Contains(new EmployeeDay(employeeId, day.BusinessDay)))
                .Select(day => (employeeId, day)));
        }

        var scores = calculated.Select(c => ScoreRows.Score(c.EmployeeId, c.Day, now)).ToList();
        var idle = calculated.SelectMany(c => c.Day.IdlePeriods.Select(p => ScoreRows.Idle(c.EmployeeId, c.Day.BusinessDay, p))).ToList();
        var quality = calculated.SelectMany(c => c.Day.Flags.Select(f => ScoreRows.Quality(c.EmployeeId, c.Day.BusinessDay, f))).ToList();
        // A concurrent recompute of the same days (two syncs, two nodes) can deadlock on the delete; the loser is rolled
        // back and writes the same rows again.
        await ConcurrentWrites.RetryAsync(db, () => db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
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
            await RowInserter.InsertAsync(db, scores, cancellationToken);
            await RowInserter.InsertAsync(db, idle, cancellationToken);
            await RowInserter.InsertAsync(db, quality, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }));
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
