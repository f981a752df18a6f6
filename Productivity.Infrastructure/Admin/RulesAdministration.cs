using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Productivity.Core.Scoring;
using Productivity.Core.Security;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Scoring;

namespace Productivity.Infrastructure.Admin;

internal sealed class RulesAdministration(ProductivityDbContext db, AccessCheck access, ScoringRulesService rules) : IRulesAdministration
{
    public async Task<IReadOnlyList<RoleDefinition>> RolesAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        return (await rules.RolesAsync(cancellationToken)).Select(r => r.ToDefinition()).ToList();
    }

    public async Task<ScoringParameters> ParametersAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        return (await rules.SettingsAsync(cancellationToken)).ToParameters();
    }

    public async Task<int> DaysAffectedByRoleAsync(ClaimsPrincipal actor, string action, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        return await rules.DaysAffectedByRoleAsync(action, cancellationToken);
    }

    public async Task<int> ScoreRowsAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        return await db.DailyScores.CountAsync(cancellationToken);
    }

    public async Task<RecomputeTask> SaveRoleAsync(ClaimsPrincipal actor, RoleDefinition role, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        return await rules.SaveRoleAsync(actor, role, cancellationToken);
    }

    public async Task<RecomputeTask> SaveParametersAsync(ClaimsPrincipal actor, ScoringParameters parameters, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        return await rules.SaveSettingsAsync(actor, parameters, cancellationToken);
    }
}
