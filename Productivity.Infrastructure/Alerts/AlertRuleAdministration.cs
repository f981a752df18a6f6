using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Productivity.Core.Alerts;
using Productivity.Core.Auditing;
using Productivity.Core.Security;
using Productivity.Infrastructure.Auditing;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Security;

namespace Productivity.Infrastructure.Alerts;

/// <summary>
/// Reads and edits the alert rules. Every call re-checks that the caller is an active Admin against the database and
/// opens its own context; every change is audited with the old and new settings. The next evaluation (within a minute)
/// applies the change: a rule turned off closes its open alerts there.
/// </summary>
public sealed class AlertRuleAdministration(IDbContextFactory<ProductivityDbContext> contexts, AccessCheck access, AuditLog audit,
    TimeProvider timeProvider) : IAlertRuleAdministration
{
    public async Task<IReadOnlyList<AlertRule>> RulesAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rules = await db.AlertRules.AsNoTracking().ToListAsync(cancellationToken);
        return rules.OrderBy(r => r.Kind).ToList();
    }

    public async Task<AlertRule> SaveAsync(ClaimsPrincipal actor, AlertRule rule, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        var edited = Normalised(rule);
        var problems = AlertRuleValidation.Check(edited);
        if (problems.Count > 0)
        {
            throw new AdminActionRefusedException(AdminRefusal.AlertRuleInvalid, [.. problems.Select(p => p.ToString())]);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.AlertRules.SingleOrDefaultAsync(r => r.Kind == edited.Kind, cancellationToken)
            ?? throw new AdminActionRefusedException(AdminRefusal.AlertRuleNotFound, edited.Kind.ToString());
        var old = Describe(stored);
        var now = Describe(edited);
        if (old == now)
        {
            return stored;
        }
        stored.IsEnabled = edited.IsEnabled;
        stored.Threshold = edited.Threshold;
        stored.SecondThreshold = edited.SecondThreshold;
        stored.NotifyRoles = edited.NotifyRoles;
        stored.QuietFrom = edited.QuietFrom;
        stored.QuietUntil = edited.QuietUntil;
        stored.UpdatedUtc = timeProvider.GetUtcNow().UtcDateTime;
        audit.Record(db, actor, AuditKinds.AlertRule, edited.Kind.ToString(), edited.Kind.ToString(), "Updated", old, now);
        await db.SaveChangesAsync(cancellationToken);
        return stored;
    }

    /// <summary>
    /// The settings as they would be stored: roles in their fixed order (unknown names refused), the thresholds a kind
    /// does not use cleared, quiet hours to the minute.
    /// </summary>
    private static AlertRule Normalised(AlertRule rule)
    {
        if (!Enum.IsDefined(rule.Kind))
        {
            throw new AdminActionRefusedException(AdminRefusal.AlertRuleNotFound, rule.Kind.ToString());
        }
        var unknown = (rule.NotifyRoles ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(r => !Roles.All.Contains(r, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw new AdminActionRefusedException(AdminRefusal.UnknownRole, [.. unknown]);
        }
        var limits = AlertRuleDefaults.Limits[rule.Kind];
        return new AlertRule
        {
            Kind = rule.Kind,
            IsEnabled = rule.IsEnabled,
            Threshold = limits.Threshold is null ? 0 : rule.Threshold,
            SecondThreshold = limits.SecondThreshold is null ? null : rule.SecondThreshold,
            NotifyRoles = AlertRoles.Format(AlertRoles.Parse(rule.NotifyRoles)),
            QuietFrom = ToMinute(rule.QuietFrom),
            QuietUntil = ToMinute(rule.QuietUntil),
        };
    }

    private static TimeOnly? ToMinute(TimeOnly? time) => time is { } t ? new TimeOnly(t.Hour, t.Minute) : null;

    private static string Describe(AlertRule rule) => string.Create(CultureInfo.InvariantCulture,
        $"enabled={rule.IsEnabled}; threshold={rule.Threshold}; second={rule.SecondThreshold?.ToString(CultureInfo.InvariantCulture) ?? "-"}; roles={rule.NotifyRoles}; quiet={rule.QuietFrom?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? "-"}-{rule.QuietUntil?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? "-"}");
}
