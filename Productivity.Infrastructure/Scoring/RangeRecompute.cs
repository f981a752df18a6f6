using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Productivity.Core.Security;
using Productivity.Core.Sync;
using Productivity.Core.Time;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Security;

namespace Productivity.Infrastructure.Scoring;

/// <summary>
/// Admin-started recomputes over a date range (or over the pairs a rule edit affects) in the background, with
/// progress, cancellation and duration. Overlapping ranges do not run at the same time. The methods that take a caller
/// check that they are an active Admin; the rules service and the command line start recomputes of their own.
/// </summary>
public sealed class RangeRecompute(
    IDbContextFactory<ProductivityDbContext> contextFactory,
    AccessCheck access,
    ScoreRecalculationService scoring,
    SiteClock siteClock,
    TimeProvider timeProvider,
    ILogger<RangeRecompute> logger) : IRangeRecompute
{
    private readonly Lock _gate = new();
    private readonly List<RecomputeTask> _tasks = [];

    public async Task<RecomputeTask> StartAsync(ClaimsPrincipal actor, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        if (to < from)
        {
            throw new AdminActionRefusedException(AdminRefusal.EmptyRange);
        }
        return Start(from, to, actor.Identity?.Name ?? "system");
    }

    public async Task<IReadOnlyList<RecomputeTask>> TasksAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        return Tasks.OrderByDescending(t => t.StartedUtc).ToList();
    }

    public async Task CancelAsync(ClaimsPrincipal actor, Guid taskId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        var task = Tasks.SingleOrDefault(t => t.Id == taskId) ?? throw new AdminActionRefusedException(AdminRefusal.RecomputeNotFound);
        task.Cancel();
    }

    internal IReadOnlyList<RecomputeTask> Tasks
    {
        get
        {
            lock (_gate)
            {
                return _tasks.ToList();
            }
        }
    }

    /// <summary>Starts recomputing every employee-day of the range; an overlapping running task is returned instead.</summary>
    internal RecomputeTask Start(DateOnly from, DateOnly to, string requestedBy, RecomputeReason reason = RecomputeReason.Range) =>
        StartCore(from, to, requestedBy, reason, null, null);

    /// <summary>Starts recomputing exactly these pairs (e.g. the days that use an edited role).</summary>
    internal RecomputeTask Start(IReadOnlyCollection<EmployeeDay> pairs, string requestedBy, RecomputeReason reason, string? action = null)
    {
        var from = pairs.Count == 0 ? siteClock.BusinessDayOf(timeProvider.GetUtcNow().UtcDateTime) : pairs.Min(p => p.Day);
        var to = pairs.Count == 0 ? from : pairs.Max(p => p.Day);
        return StartCore(from, to, requestedBy, reason, action, pairs);
    }

    /// <summary>Runs a range to the end on the caller's task (the command line).</summary>
    public async Task<RecomputeTask> RunAsync(DateOnly from, DateOnly to, string requestedBy, IProgress<RecomputeTask>? progress,
        CancellationToken cancellationToken)
    {
        var task = new RecomputeTask(from, to, requestedBy, RecomputeReason.Range, timeProvider.GetUtcNow().UtcDateTime);
        await ExecuteAsync(task, null, progress, cancellationToken);
        return task;
    }

    private RecomputeTask StartCore(DateOnly from, DateOnly to, string requestedBy, RecomputeReason reason, string? action,
        IReadOnlyCollection<EmployeeDay>? pairs)
    {
        if (to < from)
        {
            throw new ArgumentException($"The range {from:yyyy-MM-dd}..{to:yyyy-MM-dd} is empty.");
        }
        RecomputeTask task;
        lock (_gate)
        {
            var running = _tasks.FirstOrDefault(t => t.IsRunning && t.From <= to && from <= t.To);
            if (running is not null)
            {
                return running;
            }
            _tasks.RemoveAll(t => !t.IsRunning && t.FinishedUtc < timeProvider.GetUtcNow().UtcDateTime.AddHours(-12));
            task = new RecomputeTask(from, to, requestedBy, reason, timeProvider.GetUtcNow().UtcDateTime, action);
            _tasks.Add(task);
        }
        _ = Task.Run(() => ExecuteAsync(task, pairs, null, task.Cancellation.Token));
        return task;
    }

    private async Task ExecuteAsync(RecomputeTask task, IReadOnlyCollection<EmployeeDay>? pairs, IProgress<RecomputeTask>? progress,
        CancellationToken cancellationToken)
    {
        try
        {
            task.DaysTotal = task.To.DayNumber - task.From.DayNumber + 1;
            for (var from = task.From; from <= task.To; from = from.AddDays(ScoreRecalculationService.DaysPerBatch))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var to = Min(from.AddDays(ScoreRecalculationService.DaysPerBatch - 1), task.To);
                IReadOnlyCollection<EmployeeDay> batch;
                if (pairs is null)
                {
                    await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
                    batch = await ScoreScope.PairsForDaysAsync(db, siteClock, from, to, cancellationToken);
                }
                else
                {
                    batch = pairs.Where(p => p.Day >= from && p.Day <= to).ToList();
                }
                task.EmployeeDays += await scoring.RecalculateAsync(batch, cancellationToken);
                task.DaysDone = to.DayNumber - task.From.DayNumber + 1;
                progress?.Report(task);
            }
            task.Status = RecomputeStatus.Succeeded;
        }
        catch (OperationCanceledException)
        {
            task.Status = RecomputeStatus.Cancelled;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Recompute {From}..{To} failed.", task.From, task.To);
            task.Status = RecomputeStatus.Failed;
            task.Error = ex.Message;
        }
        finally
        {
            task.FinishedUtc = timeProvider.GetUtcNow().UtcDateTime;
        }
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}

public enum RecomputeStatus
{
    Running,
    Succeeded,
    Cancelled,
    Failed,
}

/// <summary>What started a recompute (Productivity.Web words it).</summary>
public enum RecomputeReason
{
    /// <summary>A range an Admin (or the command line) asked for.</summary>
    Range,

    /// <summary>An action's role was edited: <see cref="RecomputeTask.Action"/> names it.</summary>
    RoleEdited,

    ParametersEdited,
}

/// <summary>A running or finished recompute: progress in days, duration, outcome.</summary>
public sealed class RecomputeTask(DateOnly from, DateOnly to, string requestedBy, RecomputeReason reason, DateTime startedUtc, string? action = null)
{
    public Guid Id { get; } = Guid.NewGuid();
    public DateOnly From { get; } = from;
    public DateOnly To { get; } = to;
    public string RequestedBy { get; } = requestedBy;
    public RecomputeReason Reason { get; } = reason;
    public string? Action { get; } = action;
    public DateTime StartedUtc { get; } = startedUtc;
    public DateTime? FinishedUtc { get; internal set; }
    public int DaysTotal { get; internal set; }
    public int DaysDone { get; internal set; }
    public int EmployeeDays { get; internal set; }
    public RecomputeStatus Status { get; internal set; } = RecomputeStatus.Running;
    public string? Error { get; internal set; }
    public bool IsRunning => Status == RecomputeStatus.Running;
    public TimeSpan? Duration => FinishedUtc - StartedUtc;
    internal CancellationTokenSource Cancellation { get; } = new();

    public void Cancel() => Cancellation.Cancel();
}
