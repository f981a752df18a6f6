using Productivity.Core.Security;

namespace Productivity.Core.Alerts;

/// <summary>The page an alert links to: the employee's day, the Sync page or the Mappings page.</summary>
public enum AlertTarget
{
    EmployeeDay,
    Sync,
    Mappings,
}

/// <summary>
/// Who may see an alert: someone who holds a role its rule tells AND may open the page it links to. The second half
/// keeps an Admin's rule setting from showing a Lead an alert about a page the Lead may not open (the Sync page, the
/// Mappings page): telling is a preference, the page's access is the boundary.
/// </summary>
public static class AlertAudience
{
    public static AlertTarget TargetOf(AlertKind kind) => kind switch
    {
        AlertKind.UnmappedEmail => AlertTarget.Mappings,
        AlertKind.StaleFeed or AlertKind.SyncFailing => AlertTarget.Sync,
        _ => AlertTarget.EmployeeDay,
    };

    /// <summary>
    /// The roles that may open the page (the page's own authorization says the same; a test holds the two together):
    /// the employee-day page is for Leads, Managers and Admins, Sync and Mappings for Admins.
    /// </summary>
    public static IReadOnlyList<string> MayOpen(AlertTarget target) => target switch
    {
        AlertTarget.EmployeeDay => Roles.All,
        _ => [Roles.Admin],
    };

    /// <summary>
    /// The kinds a user holding <paramref name="heldRoles"/> may see, given the rules as stored now (a kind without a rule
    /// tells nobody).
    /// </summary>
    public static IReadOnlySet<AlertKind> VisibleKinds(IReadOnlyCollection<string> heldRoles, IEnumerable<AlertRule> rules) =>
        rules.Where(rule => rule.RolesTold.Any(heldRoles.Contains) && MayOpen(TargetOf(rule.Kind)).Any(heldRoles.Contains))
            .Select(rule => rule.Kind)
            .ToHashSet();
}
