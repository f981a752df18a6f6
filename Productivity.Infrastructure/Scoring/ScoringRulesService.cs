using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Productivity.Core.Activities;
using Productivity.Core.Auditing;
using Productivity.Core.Scoring;
using Productivity.Core.Sync;
using Productivity.Core.Time;
using Productivity.Infrastructure.Auditing;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Infrastructure.Scoring;

/// <summary>
/// Roles (action → role and its fields) and the spec's parameters as data: every edit is validated, audited
/// (who, when, old → new) and followed by a background recompute of exactly what it affects.
/// </summary>
public sealed class ScoringRulesService(ProductivityDbContext db, AuditLog audit, RangeRecompute recompute, SiteClock siteClock,
    TimeProvider timeProvider)
{
    public Task<List<ActionRole>> RolesAsync(CancellationToken cancellationToken = default) =>
        db.ActionRoles.AsNoTracking().OrderBy(r => r.Action).ToListAsync(cancellationToken);

    public async Task<ScoringSettings> SettingsAsync(CancellationToken cancellationToken = default) =>
        await db.ScoringSettings.AsNoTracking().SingleAsync(cancellationToken);

    /// <summary>How many employee-days an edit of this action's role would recompute (shown before saving).</summary>
    public async Task<int> DaysAffectedByRoleAsync(string action, CancellationToken cancellationToken = default) =>
        (await ScoreScope.PairsUsingActionAsync(db, siteClock, action, cancellationToken)).Count;

    /// <summary>Creates or updates the role of an action; returns the recompute it started.</summary>
    public async Task<RecomputeTask> SaveRoleAsync(ClaimsPrincipal actor, RoleDefinition role, CancellationToken cancellationToken = default)
    {
        Validate(role);
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
        return recompute.Start(pairs, actor.Identity?.Name ?? "system", $"role '{role.Action}' edited");
    }

    /// <summary>Updates the parameters; every scored day uses them, so every day is recomputed.</summary>
    public async Task<RecomputeTask> SaveSettingsAsync(ClaimsPrincipal actor, ScoringParameters parameters, CancellationToken cancellationToken = default)
    {
        if (parameters.StartAllowanceMinutes < 0 || parameters.CleanupAllowanceMinutes < 0 || parameters.BatchFactor <= 0
            || parameters.BatchMinThresholdMinutes < 0 || parameters.BatchEndMinThresholdMinutes < 0 || parameters.OpenShiftCapHours <= 0
            || parameters.OpenShiftCapHours > ScoringParameters.MaxOpenShiftCapHours)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Allowances and thresholds must be zero or more; the batch factor must be positive and the open-shift cap more than 0 and at most {ScoringParameters.MaxOpenShiftCapHours} hours."));
        }
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
        var first = await db.DailyScores.MinAsync(s => (DateOnly?)s.BusinessDay, cancellationToken);
        var today = siteClock.BusinessDayOf(timeProvider.GetUtcNow().UtcDateTime);
        return recompute.Start(first ?? today, today, actor.Identity?.Name ?? "system", "parameters edited");
    }

    private static void Validate(RoleDefinition role)
    {
        if (string.IsNullOrWhiteSpace(role.Action) || string.IsNullOrWhiteSpace(role.RoleName) || string.IsNullOrWhiteSpace(role.Department))
        {
            throw new ArgumentException("Action, role name and department are required.");
        }
        // The calculator's own table checks the numbers (positive rate, threshold for continuous roles).
        _ = new RoleTable([role]);
        if (role.PointsPerItem < 0)
        {
            throw new ArgumentException("Points per item cannot be negative.");
        }
    }

    private static string Describe(RoleDefinition role) => string.Create(CultureInfo.InvariantCulture,
        $"{role.RoleName} / {role.Department} / {role.Kind} / {role.ExpectedPerHour}/h / threshold {role.IdleThresholdMinutes?.ToString(CultureInfo.InvariantCulture) ?? "-"} / {role.PointsPerItem} pts");

    private static string Describe(ScoringParameters p) => string.Create(CultureInfo.InvariantCulture,
        $"start {p.StartAllowanceMinutes}, cleanup {p.CleanupAllowanceMinutes}, batch factor {p.BatchFactor}, batch min {p.BatchMinThresholdMinutes}/{p.BatchEndMinThresholdMinutes}, cap {p.OpenShiftCapHours} h");
}
