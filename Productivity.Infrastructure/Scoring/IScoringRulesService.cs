using System.Security.Claims;
using Productivity.Core.Scoring;

namespace Productivity.Infrastructure.Scoring;

/// <summary>
/// Admin → Roles and actions: the action → role table and the spec's parameters. Every method re-checks on the server
/// that the caller is an active Admin; saving is audited and starts a background recompute of what the change affects.
/// </summary>
public interface IScoringRulesService
{
    Task<IReadOnlyList<RoleDefinition>> RolesAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default);

    Task<ScoringParameters> ParametersAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default);

    /// <summary>The employee-days that saving this action's role would recompute (shown before saving).</summary>
    Task<int> DaysAffectedByRoleAsync(ClaimsPrincipal actor, string action, CancellationToken cancellationToken = default);

    /// <summary>The stored score rows (every one is recomputed when the parameters change).</summary>
    Task<int> ScoreRowsAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default);

    /// <summary>Creates or updates the role of an action; returns the recompute it started.</summary>
    Task<RecomputeTask> SaveRoleAsync(ClaimsPrincipal actor, RoleDefinition role, CancellationToken cancellationToken = default);

    /// <summary>Updates the parameters; every scored day uses them, so every day is recomputed.</summary>
    Task<RecomputeTask> SaveParametersAsync(ClaimsPrincipal actor, ScoringParameters parameters, CancellationToken cancellationToken = default);
}
