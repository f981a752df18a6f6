using System.Security.Claims;
using Productivity.Core.Scoring;
using Productivity.Infrastructure.Scoring;

namespace Productivity.Infrastructure.Admin;

/// <summary>
/// Admin → Roles and actions: the action → role table and the spec's parameters. Every method re-checks on the server
/// that the caller is an active Admin; saving is audited and starts a background recompute of what the change affects.
/// </summary>
public interface IRulesAdministration
{
    Task<IReadOnlyList<RoleDefinition>> RolesAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default);

    Task<ScoringParameters> ParametersAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default);

    /// <summary>The employee-days that saving this action's role would recompute.</summary>
    Task<int> DaysAffectedByRoleAsync(ClaimsPrincipal actor, string action, CancellationToken cancellationToken = default);

    /// <summary>The stored score rows (every one is recomputed when the parameters change).</summary>
    Task<int> ScoreRowsAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default);

    Task<RecomputeTask> SaveRoleAsync(ClaimsPrincipal actor, RoleDefinition role, CancellationToken cancellationToken = default);

    Task<RecomputeTask> SaveParametersAsync(ClaimsPrincipal actor, ScoringParameters parameters, CancellationToken cancellationToken = default);
}
