using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Productivity.Core.Activities;
using Productivity.Core.Auditing;
using Productivity.Core.Scoring;
using Productivity.Core.Security;
using Productivity.Core.Sync;
using Productivity.Core.Time;
using Productivity.Infrastructure.Auditing;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Security;

namespace Productivity.Infrastructure.Scoring;

/// <summary>
/// Admin → Roles and actions: roles (action → role and its fields) and the spec's parameters as data. Every method
/// re-checks on the server that the caller is an active Admin; every edit is validated, audited (who, when, old → new)
/// and followed by a background recompute of exactly what it affects. Each call opens its own context, so nothing a
/// circuit holds is saved.
/// </summary>
public sealed class ScoringRulesService(IDbContextFactory<ProductivityDbContext> contexts, AccessCheck access, AuditLog audit,
    RangeRecompute recompute, SiteClock siteClock, TimeProvider timeProvider) : IScoringRulesService
{
    public async Task<IReadOnlyList<RoleDefinition>> RolesAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var roles = await db.ActionRoles.AsNoTracking().OrderBy(r => r.Action).ToListAsync(cancellationToken);
        return roles.Select(r => r.ToDefinition()).ToList();
    }

    public async Task<ScoringParameters> ParametersAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await db.ScoringSettings.AsNoTracking().SingleAsync(cancellationToken)).ToParameters();
    }

    public async Task<int> DaysAffectedByRoleAsync(ClaimsPrincipal actor, string action, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await ScoreScope.PairsUsingActionAsync(db, siteClock, action, cancellationToken)).Count;
    }

    public async Task<int> ScoreRowsAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.DailyScores.CountAsync(cancellationToken);
    }

    public async Task<RecomputeTask> SaveRoleAsync(ClaimsPrincipal actor, RoleDefinition role, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        Validate(role);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await db.ActionRoles.SingleOrDefaultAsync(r => r.Action == role.Action, cancellationToken);
        var old = existing is null ? null : Describe(existing.ToDefinition());
        if (existing is null)
        {
            existing = new ActionRole { Action = role.Action, RoleName = role.RoleName, Department = role.Department };
            db.ActionRoles.Add(existing);
        }
        existing.RoleName = role.RoleName.Trim();
        existing.Department = role.Department.Trim();
        existing.Kind = role.Kind;
        existing.ExpectedPerHour = role.ExpectedPerHour;
        existing.IdleThresholdMinutes = role.Kind == RoleKind.Continuous ? role.IdleThresholdMinutes : null;
        existing.PointsPerItem = role.PointsPerItem;
        existing.UpdatedUtc = timeProvider.GetUtcNow().UtcDateTime;
        audit.Record(db, actor, AuditKinds.Role, role.Action, role.RoleName, old is null ? "Created" : "Updated", old, Describe(existing.ToDefinition()));
        await db.SaveChangesAsync(cancellationToken);
        var pairs = await ScoreScope.PairsUsingActionAsync(db, siteClock, role.Action, cancellationToken);
        return recompute.Start(pairs, actor.Identity?.Name ?? "system", RecomputeReason.RoleEdited, role.Action);
    }

    public async Task<RecomputeTask> SaveParametersAsync(ClaimsPrincipal actor, ScoringParameters parameters, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        if (parameters.StartAllowanceMinutes < 0 || parameters.CleanupAllowanceMinutes < 0 || parameters.BatchFactor <= 0
            || parameters.BatchMinThresholdMinutes < 0 || parameters.BatchEndMinThresholdMinutes < 0 || parameters.OpenShiftCapHours <= 0
            || parameters.OpenShiftCapHours > ScoringParameters.MaxOpenShiftCapHours)
        {
            throw new AdminActionRefusedException(AdminRefusal.ParametersOutOfRange,
                ScoringParameters.MaxOpenShiftCapHours.ToString(CultureInfo.InvariantCulture));
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var settings = await db.ScoringSettings.SingleAsync(cancellationToken);
        var old = Describe(settings.ToParameters());
        settings.StartAllowanceMinutes = parameters.StartAllowanceMinutes;
        settings.CleanupAllowanceMinutes = parameters.CleanupAllowanceMinutes;
        settings.BatchFactor = parameters.BatchFactor;
        settings.BatchMinThresholdMinutes = parameters.BatchMinThresholdMinutes;
        settings.BatchEndMinThresholdMinutes = parameters.BatchEndMinThresholdMinutes;
        settings.OpenShiftCapHours = parameters.OpenShiftCapHours;
        settings.UpdatedUtc = timeProvider.GetUtcNow().UtcDateTime;
        audit.Record(db, actor, AuditKinds.Role, "parameters", "Scoring parameters", "Updated", old, Describe(settings.ToParameters()));
        await db.SaveChangesAsync(cancellationToken);
        // Every scored day uses the parameters, so every day is recomputed.
        var first = await db.DailyScores.MinAsync(s => (DateOnly?)s.BusinessDay, cancellationToken);
        var today = siteClock.BusinessDayOf(timeProvider.GetUtcNow().UtcDateTime);
        return recompute.Start(first ?? today, today, actor.Identity?.Name ?? "system", RecomputeReason.ParametersEdited);
    }

    private static void Validate(RoleDefinition role)
    {
        if (string.IsNullOrWhiteSpace(role.Action) || string.IsNullOrWhiteSpace(role.RoleName) || string.IsNullOrWhiteSpace(role.Department))
        {
            throw new AdminActionRefusedException(AdminRefusal.RoleFieldsRequired);
        }
        // The numbers the calculator's own table needs (RoleTable below stays the last word on them).
        if (!(role.ExpectedPerHour > 0) || double.IsInfinity(role.ExpectedPerHour))
        {
            throw new AdminActionRefusedException(AdminRefusal.RoleRateNotPositive, role.RoleName);
        }
        if (role.Kind == RoleKind.Continuous && !(role.IdleThresholdMinutes >= 0))
        {
            throw new AdminActionRefusedException(AdminRefusal.RoleThresholdMissing, role.RoleName);
        }
        _ = new RoleTable([role]);
        if (role.PointsPerItem < 0)
        {
            throw new AdminActionRefusedException(AdminRefusal.NegativePoints);
        }
    }

    private static string Describe(RoleDefinition role) => string.Create(CultureInfo.InvariantCulture,
        $"{role.RoleName} / {role.Department} / {role.Kind} / {role.ExpectedPerHour}/h / threshold {role.IdleThresholdMinutes?.ToString(CultureInfo.InvariantCulture) ?? "-"} / {role.PointsPerItem} pts");

    private static string Describe(ScoringParameters p) => string.Create(CultureInfo.InvariantCulture,
        $"start {p.StartAllowanceMinutes}, cleanup {p.CleanupAllowanceMinutes}, batch factor {p.BatchFactor}, batch min {p.BatchMinThresholdMinutes}/{p.BatchEndMinThresholdMinutes}, cap {p.OpenShiftCapHours} h");
}
