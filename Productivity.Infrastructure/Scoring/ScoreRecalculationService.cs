using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Productivity.Core.Costs;
using Productivity.Core.Realtime;
using Productivity.Core.Scoring;
using Productivity.Core.Sync;
using Productivity.Core.Time;
using Productivity.Infrastructure.Alerts;
using Productivity.Infrastructure.Dashboard;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Telemetry;

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
    DashboardCache dashboardCache,
    AlertRecomputeTrigger alertTrigger,
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

    /// <summary>
    /// Rescores <paramref name="pairs"/> and stores, for every window of those days, the day and session it belongs to.
    /// A window that moves between days (a shift edited, a break joined) is re-attributed, and the other day it leaves or
    /// joins is rescored too, in a further round, so that stored windows and stored scores never disagree.
    /// </summary>
    public async Task<int> RecalculateAsync(IReadOnlyCollection<EmployeeDay> pairs, CancellationToken cancellationToken = default)
    {
        if (pairs.Count == 0)
        {
            return 0;
        }
        using var span = ProductivityTelemetry.Source.StartActivity("recompute")?.SetTag("productivity.recompute.employee_days", pairs.Count);
        var started = Stopwatch.GetTimestamp();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var calculator = await StoredScoringParameters.CalculatorAsync(db, siteClock.TimeZone, cancellationToken);
        var rates = new RateBook(await db.PayRates.AsNoTracking().ToListAsync(cancellationToken));
        var written = 0;
        var done = new HashSet<EmployeeDay>();
        var pending = pairs.ToHashSet();
        // A moved window can only move to a neighbouring day, so the rounds end quickly; the bound is a guard.
        for (var round = 0; pending.Count > 0 && round < MaxRounds; round++)
        {
            var moved = new HashSet<EmployeeDay>();
            var days = pending.Select(p => p.Day).Distinct().Order().ToList();
            foreach (var batch in Batches(days))
            {
                var batchPairs = pending.Where(p => p.Day >= batch.From && p.Day <= batch.To).ToHashSet();
                await _oneBatchAtATime.WaitAsync(cancellationToken);
                try
                {
                    written += await RecalculateBatchAsync(db, calculator, rates, batch.From, batch.To, batchPairs, moved, cancellationToken);
                }
                finally
                {
                    _oneBatchAtATime.Release();
                }
                // The new day versions live in the distributed cache, so one bump here, after the commit and before
                // anyone is told, makes every node's cached models of those days stale: no subscriber has to run first.
                await dashboardCache.BumpAsync(batchPairs.Select(p => p.Day), cancellationToken);
                await notifier.PublishAsync(new ScoresUpdated(
                    batchPairs.Select(p => p.Day).Distinct().Order().ToList(),
                    batchPairs.Select(p => p.EmployeeId).Distinct().Order().ToList(),
                    timeProvider.GetUtcNow()), cancellationToken);
                // Queued, never awaited: the alerts of these people are evaluated in the background (a failure there
                // leaves the recompute done; the minute job evaluates again).
                alertTrigger.Notify(batchPairs.Select(p => p.EmployeeId).Distinct().ToList());
            }
            done.UnionWith(pending);
            moved.ExceptWith(done);
            pending = moved;
        }
        ProductivityTelemetry.RecomputeFinished(Stopwatch.GetElapsedTime(started), done);
        return written;
    }

    private const int MaxRounds = 4;

    private async Task<int> RecalculateBatchAsync(ProductivityDbContext db, ScoreCalculator calculator, RateBook rates, DateOnly from, DateOnly to,
        HashSet<EmployeeDay> pairs, HashSet<EmployeeDay> moved, CancellationToken cancellationToken)
    {
        var employeeIds = pairs.Select(p => p.EmployeeId).Distinct().ToList();
        var inputs = await ScoreInputs.LoadAsync(db, siteClock, employeeIds, from, to, cancellationToken);
        var now = timeProvider.GetUtcNow().UtcDateTime;

        var calculated = new List<(int EmployeeId, EmployeeDayScore Day)>();
        var attribution = new List<(long PodFactoryId, DateOnly Day, long? SessionId)>();
        var totals = new List<DailyActionTotal>();
        foreach (var employeeId in employeeIds)
        {
            var (shifts, windows) = inputs.For(employeeId);
            calculated.AddRange(calculator.Calculate(shifts, windows, now, from, to)
                .Where(day => pairs.Contains(new EmployeeDay(employeeId, day.BusinessDay)))
                .Select(day => (employeeId, day)));
            var owners = calculator.Attribute(shifts, windows, now);
            Attribute(employeeId, owners, windows, inputs.StoredOwners(employeeId), pairs, attribution, moved);
            totals.AddRange(ActionTotals(employeeId, owners, windows, pairs));
        }
        var scores = calculated.Select(c => ScoreRows.Score(c.EmployeeId, c.Day, now, rates)).ToList();
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
                await db.DailyActionTotals.Where(s => s.BusinessDay == day && ids.Contains(s.EmployeeId)).ExecuteDeleteAsync(cancellationToken);
            }
            await BulkWriter.InsertAsync(db, scores, cancellationToken);
            await BulkWriter.InsertAsync(db, idle, cancellationToken);
            await BulkWriter.InsertAsync(db, quality, cancellationToken);
            await BulkWriter.InsertAsync(db, totals, cancellationToken);
            await StoreAttributionAsync(db, attribution, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }));
        logger.LogDebug("Recomputed {Pairs} employee-days {From}..{To}: {Scores} scores, {Idle} idle periods.",
            pairs.Count, from, to, scores.Count, idle.Count);
        return scores.Count;
    }

    // A rescored day's windows per action, exactly as attributed above: the same decision as each window's stored one.
    private static IEnumerable<DailyActionTotal> ActionTotals(int employeeId, WindowOwner[] owners, IReadOnlyList<ScoringWindow> windows,
        HashSet<EmployeeDay> pairs) =>
        owners.Select((owner, i) => (owner.BusinessDay, Window: windows[i]))
            .Where(w => pairs.Contains(new EmployeeDay(employeeId, w.BusinessDay)))
            .GroupBy(w => (w.BusinessDay, w.Window.Action))
            .Select(g => new DailyActionTotal
            {
                EmployeeId = employeeId,
                BusinessDay = g.Key.BusinessDay,
                Action = g.Key.Action,
                Items = g.Sum(w => w.Window.Items),
                Windows = g.Count(),
            });

    // The windows whose owner changed and that this batch may decide: they belong to a rescored day now or did before.
    // One that leaves for, or comes from, a day not rescored here makes that day rescored in the next round.
    private static void Attribute(int employeeId, WindowOwner[] owners, IReadOnlyList<ScoringWindow> windows, IReadOnlyList<StoredOwner> stored,
        HashSet<EmployeeDay> pairs, List<(long PodFactoryId, DateOnly Day, long? SessionId)> changes, HashSet<EmployeeDay> moved)
    {
        for (var i = 0; i < owners.Length; i++)
        {
            var owner = new EmployeeDay(employeeId, owners[i].BusinessDay);
            var before = stored[i].BusinessDay is { } day ? new EmployeeDay(employeeId, day) : (EmployeeDay?)null;
            var ownerRescored = pairs.Contains(owner);
            var beforeRescored = before is { } b && pairs.Contains(b);
            if (!ownerRescored && !beforeRescored)
            {
                continue;
            }
            var session = owners[i].SessionId is { } id ? long.Parse(id, CultureInfo.InvariantCulture) : (long?)null;
            if (before == owner && stored[i].SessionId == session)
            {
                continue;
            }
            changes.Add((windows[i].Id, owner.Day, session));
            if (!ownerRescored)
            {
                moved.Add(owner);
            }
            else if (before is { } left && !beforeRescored)
            {
                moved.Add(left);
            }
        }
    }

    // One UPDATE per chunk of changed windows, whatever the number of people (after a day's first scoring only new or
    // moved windows change): a join with the chunk's values as a derived table (a CASE per row was quadratic: 19 s for
    // 226,000 windows on MariaDB). MariaDB names a VALUES table's columns after its first row, so it gets a UNION ALL
    // of SELECTs; SQLite caps a compound SELECT at 500 terms, so it gets VALUES (columns column1..column3).
    // The values are typed numbers and dates written as literals: nothing comes from text.
    private static async Task StoreAttributionAsync(ProductivityDbContext db, List<(long PodFactoryId, DateOnly Day, long? SessionId)> changes,
        CancellationToken cancellationToken)
    {
        var mySql = db.Database.IsMySql();
        foreach (var chunk in changes.Chunk(AttributionChunk))
        {
            var values = new StringBuilder();
            foreach (var (id, day, session) in chunk)
            {
                var first = values.Length == 0;
                var key = id.ToString(CultureInfo.InvariantCulture);
                var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var owner = session is { } value ? value.ToString(CultureInfo.InvariantCulture) : "NULL";
                if (mySql)
                {
                    values.Append(first ? $"SELECT {key} AS Id, '{date}' AS Day, {owner} AS Session" : $" UNION ALL SELECT {key}, '{date}', {owner}");
                }
                else
                {
                    values.Append(first ? "VALUES " : ", ").Append($"({key}, '{date}', {owner})");
                }
            }
            var sql = mySql
                ? $"UPDATE `activities` AS a JOIN ({values}) AS v ON a.`PodFactoryId` = v.Id SET a.`BusinessDay` = v.Day, a.`SessionId` = v.Session"
                : $"UPDATE \"activities\" SET \"BusinessDay\" = v.column2, \"SessionId\" = v.column3 FROM ({values}) AS v WHERE \"activities\".\"PodFactoryId\" = v.column1";
            await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        }
    }

    private const int AttributionChunk = 1000;

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
