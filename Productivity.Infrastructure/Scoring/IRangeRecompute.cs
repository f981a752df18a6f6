using System.Security.Claims;

namespace Productivity.Infrastructure.Scoring;

/// <summary>Admin-started background recomputes on this node: start a range, watch progress, cancel. Admin only.</summary>
public interface IRangeRecompute
{
    /// <summary>Starts recomputing every employee-day of the site-local days; an overlapping running task is returned instead.</summary>
    Task<RecomputeTask> StartAsync(ClaimsPrincipal actor, DateOnly from, DateOnly to, CancellationToken cancellationToken = default);

    /// <summary>Running and recently finished tasks, newest first.</summary>
    Task<IReadOnlyList<RecomputeTask>> TasksAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default);

    Task CancelAsync(ClaimsPrincipal actor, Guid taskId, CancellationToken cancellationToken = default);
}
