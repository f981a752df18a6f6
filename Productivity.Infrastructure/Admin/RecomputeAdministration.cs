using System.Security.Claims;
using Productivity.Core.Security;
using Productivity.Infrastructure.Scoring;

namespace Productivity.Infrastructure.Admin;

internal sealed class RecomputeAdministration(AccessCheck access, RangeRecompute recompute) : IRecomputeAdministration
{
    public async Task<RecomputeTask> StartAsync(ClaimsPrincipal actor, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        if (to < from)
        {
            throw new ArgumentException("The last day must not be before the first.");
        }
        return recompute.Start(from, to, actor.Identity?.Name ?? "system");
    }

    public async Task<IReadOnlyList<RecomputeTask>> TasksAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        return recompute.Tasks.OrderByDescending(t => t.StartedUtc).ToList();
    }

    public async Task CancelAsync(ClaimsPrincipal actor, Guid taskId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        var task = recompute.Tasks.SingleOrDefault(t => t.Id == taskId)
            ?? throw new KeyNotFoundException("That recompute is no longer known on this node.");
        task.Cancel();
    }
}
