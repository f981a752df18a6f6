using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Productivity.Core.Alerts;
using Productivity.Core.Realtime;
using Productivity.Core.Time;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Infrastructure.Alerts;

/// <summary>What one evaluation did.</summary>
public sealed record AlertEvaluationResult(IReadOnlyList<long> Opened, int Held, IReadOnlyList<long> Closed, int Suppressed, TimeSpan Elapsed);

/// <summary>
/// Evaluates the rules against the stored data and brings the alerts table in line: an alert opens once for a
/// condition that began to hold, is held while it holds (<see cref="Alert.LastHeldUtc"/>), and closes when it stops
/// holding (or its rule is turned off). During a rule's quiet hours nothing new opens for it (and so nobody is told),
/// while open alerts still hold and close (record 0029). Opened and closed alerts are published on every node.
/// </summary>
/// <remarks>
/// Two evaluators may run at once (the minute job on one node, a recompute's on another): the unique open key makes the
/// second insert of the same alert fail, its whole write is rolled back and done again on a fresh read, where the
/// alert is found open and held instead. So each alert opens exactly once, whichever evaluator wins.
/// </remarks>
public sealed class AlertEvaluationService(
    IDbContextFactory<ProductivityDbContext> contexts,
    SiteClock siteClock,
    TimeProvider timeProvider,
    IAlertNotifier notifier,
    ILogger<AlertEvaluationService> logger)
{
    /// <summary>Every rule, for everyone (the minute job).</summary>
    public Task<AlertEvaluationResult> EvaluateAsync(CancellationToken cancellationToken = default) =>
        EvaluateAsync(null, cancellationToken);

    /// <summary>
    /// With <paramref name="employeeScope"/>: the person rules of those employees only (after a recompute); only their
    /// open person alerts may close. Null: everything.
    /// </summary>
    public async Task<AlertEvaluationResult> EvaluateAsync(IReadOnlyCollection<int>? employeeScope, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        if (employeeScope is { Count: 0 })
        {
            return new AlertEvaluationResult([], 0, [], 0, TimeSpan.Zero);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var nowUtc = timeProvider.GetUtcNow().UtcDateTime;
        var rules = await db.AlertRules.AsNoTracking().ToListAsync(cancellationToken);
        var snapshot = await AlertSnapshotLoader.LoadAsync(db, siteClock, nowUtc, employeeScope, rules, cancellationToken);
        var conditions = AlertEvaluator.Evaluate(snapshot, rules)
            .GroupBy(c => c.OpenKey, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var quiet = rules.Where(r => r.IsQuietAt(snapshot.SiteLocalTime)).Select(r => r.Kind).ToHashSet();

        var outcome = await ConcurrentWrites.RetryAsync(db, () => db.Database.CreateExecutionStrategy().ExecuteAsync(() =>
            WriteAsync(db, conditions, quiet, snapshot.EmployeeScope, nowUtc, cancellationToken)));
        var result = outcome with { Elapsed = Stopwatch.GetElapsedTime(started) };
        if (result.Opened.Count > 0 || result.Closed.Count > 0)
        {
            logger.LogInformation("Alerts: {Opened} opened, {Closed} closed, {Held} held.", result.Opened.Count, result.Closed.Count, result.Held);
            await notifier.PublishAsync(new AlertsChanged(result.Opened, result.Closed, [], timeProvider.GetUtcNow()), cancellationToken);
        }
        return result;
    }

    private static async Task<AlertEvaluationResult> WriteAsync(ProductivityDbContext db, Dictionary<string, AlertCondition> conditions,
        HashSet<AlertKind> quiet, IReadOnlySet<int>? scope, DateTime nowUtc, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var openAlerts = await db.Alerts.AsNoTracking().Where(a => a.ClosedUtc == null)
            .Select(a => new { a.Id, a.Kind, a.OpenKey, a.EmployeeId, a.Measure, a.Count })
            .ToListAsync(cancellationToken);

        var held = new List<long>();
        var closed = new List<long>();
        var changed = new List<(long Id, AlertCondition Condition)>();
        var stillOpen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var alert in openAlerts)
        {
            if (alert.OpenKey is not null && conditions.TryGetValue(alert.OpenKey, out var condition))
            {
                held.Add(alert.Id);
                stillOpen.Add(alert.OpenKey);
                // Durations (idle, open shift, stale feed) are counted from SinceUtc by whoever shows them; the other
                // measures are kept current.
                if (!IsDuration(alert.Kind) && (alert.Measure != condition.Measure || alert.Count != condition.Count))
                {
                    changed.Add((alert.Id, condition));
                }
            }
            else if (scope is null || (AlertEvaluator.IsPersonKind(alert.Kind) && alert.EmployeeId is { } e && scope.Contains(e)))
            {
                closed.Add(alert.Id);
            }
            else if (alert.OpenKey is not null)
            {
                // Outside a scoped evaluation: neither held nor closed here.
                stillOpen.Add(alert.OpenKey);
            }
        }

        var suppressed = 0;
        var opening = new List<Alert>();
        foreach (var (key, condition) in conditions)
        {
            if (stillOpen.Contains(key))
            {
                continue;
            }
            if (quiet.Contains(condition.Kind))
            {
                suppressed++;
                continue;
            }
            opening.Add(new Alert
            {
                Kind = condition.Kind,
                SubjectKey = condition.SubjectKey,
                OpenKey = key,
                EmployeeId = condition.EmployeeId,
                BusinessDay = condition.BusinessDay,
                Measure = condition.Measure,
                Limit = condition.Limit,
                Count = condition.Count,
                Reference = condition.Reference,
                SinceUtc = condition.SinceUtc,
                OpenedUtc = nowUtc,
                LastHeldUtc = nowUtc,
            });
        }

        if (closed.Count > 0)
        {
            await db.Alerts.Where(a => closed.Contains(a.Id) && a.ClosedUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.ClosedUtc, nowUtc).SetProperty(a => a.OpenKey, (string?)null), cancellationToken);
        }
        if (held.Count > 0)
        {
            await db.Alerts.Where(a => held.Contains(a.Id)).ExecuteUpdateAsync(s => s.SetProperty(a => a.LastHeldUtc, nowUtc), cancellationToken);
        }
        foreach (var (id, condition) in changed)
        {
            await db.Alerts.Where(a => a.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(a => a.Measure, condition.Measure).SetProperty(a => a.Count, condition.Count), cancellationToken);
        }
        if (opening.Count > 0)
        {
            // A concurrent evaluator that opened one of these first makes this fail on the unique open key: the caller
            // retries on a fresh read, where it is held instead.
            db.Alerts.AddRange(opening);
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new AlertEvaluationResult(opening.Select(a => a.Id).ToList(), held.Count, closed, suppressed, TimeSpan.Zero);
    }

    private static bool IsDuration(AlertKind kind) =>
        kind is AlertKind.IdleNow or AlertKind.ForgottenClockOut or AlertKind.StaleFeed;
}
