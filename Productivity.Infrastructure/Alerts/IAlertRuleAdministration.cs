using System.Security.Claims;
using Productivity.Core.Alerts;

namespace Productivity.Infrastructure.Alerts;

/// <summary>Admin → Alerts: the rules, read and edited by an active Admin only (checked on every call).</summary>
public interface IAlertRuleAdministration
{
    /// <summary>Every rule, in <see cref="AlertKind"/> order.</summary>
    Task<IReadOnlyList<AlertRule>> RulesAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves the settings of <paramref name="rule"/>'s kind: validated (refused with the problems), audited old → new.
    /// Returns the stored rule. Unchanged settings write nothing.
    /// </summary>
    Task<AlertRule> SaveAsync(ClaimsPrincipal actor, AlertRule rule, CancellationToken cancellationToken = default);
}
