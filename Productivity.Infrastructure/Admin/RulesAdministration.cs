using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Scoring;
using Productivity.Core.Security;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Scoring;

namespace Productivity.Infrastructure.Admin;

/// <summary>Each call uses a scope of its own, so the rules service's context never outlives one operation.</summary>
internal sealed class RulesAdministration(IServiceScopeFactory scopes, AccessCheck access) : IRulesAdministration
{
    public async Task<IReadOnlyList<RoleDefinition>> RolesAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var scope = scopes.CreateAsyncScope();
        return (await Rules(scope).RolesAsync(cancellationToken)).Select(r => r.ToDefinition()).ToList();
    }

    public async Task<ScoringParameters> ParametersAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var scope = scopes.CreateAsyncScope();
        return (await Rules(scope).SettingsAsync(cancellationToken)).ToParameters();
    }

    public async Task<int> DaysAffectedByRoleAsync(ClaimsPrincipal actor, string action, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var scope = scopes.CreateAsyncScope();
        return await Rules(scope).DaysAffectedByRoleAsync(action, cancellationToken);
    }

    public async Task<int> ScoreRowsAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProductivityDbContext>().DailyScores.CountAsync(cancellationToken);
    }

    public async Task<RecomputeTask> SaveRoleAsync(ClaimsPrincipal actor, RoleDefinition role, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var scope = scopes.CreateAsyncScope();
        return await Rules(scope).SaveRoleAsync(actor, role, cancellationToken);
    }

    public async Task<RecomputeTask> SaveParametersAsync(ClaimsPrincipal actor, ScoringParameters parameters, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var scope = scopes.CreateAsyncScope();
        return await Rules(scope).SaveSettingsAsync(actor, parameters, cancellationToken);
    }

    private static ScoringRulesService Rules(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<ScoringRulesService>();
}
