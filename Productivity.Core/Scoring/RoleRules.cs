namespace Productivity.Core.Scoring;

/// <summary>
/// scoring.md "Points", "Standard minutes" and "Primary role": the one implementation, used by the calculator for a day
/// and by every screen that sums a role's items over other groupings (a range of days, a department, an action).
/// </summary>
public static class RoleRules
{
    /// <summary>Points of <paramref name="items"/> items of a role, exact (the double converts with 15 significant digits, so 1.33 is 1.33m).</summary>
    public static decimal Points(long items, RoleDefinition role) => Points(items, (decimal)role.PointsPerItem);

    /// <summary>As <see cref="Points(long, RoleDefinition)"/> with the rate already exact (the calculator converts it once).</summary>
    public static decimal Points(long items, decimal pointsPerItem) => items * pointsPerItem;

    /// <summary>Standard minutes of <paramref name="clockedItems"/> items (only items inside a session earn them): items × 60 / expected per hour.</summary>
    public static decimal StandardMinutes(long clockedItems, RoleDefinition role) =>
        StandardMinutes(clockedItems, (decimal)role.ExpectedPerHour);

    /// <summary>As <see cref="StandardMinutes(long, RoleDefinition)"/> with the rate already exact.</summary>
    public static decimal StandardMinutes(long clockedItems, decimal expectedPerHour) =>
        expectedPerHour > 0 ? clockedItems * 60m / expectedPerHour : 0m;

    /// <summary>True when a role name with <paramref name="items"/> items beats the current choice: more items, then the ordinally smaller name.</summary>
    public static bool IsBetterPrimary(string roleName, long items, string? currentName, long currentItems) =>
        currentName is null || items > currentItems || (items == currentItems && string.CompareOrdinal(roleName, currentName) < 0);

    /// <summary>
    /// The primary role among role names that had at least one window, with their items (several actions may share a
    /// role name: pass each name once with the sum of its actions). Null when there is none.
    /// </summary>
    public static string? PrimaryRole(IEnumerable<KeyValuePair<string, long>> itemsByRoleName)
    {
        string? primary = null;
        var primaryItems = 0L;
        foreach (var (name, items) in itemsByRoleName)
        {
            if (IsBetterPrimary(name, items, primary, primaryItems))
            {
                primary = name;
                primaryItems = items;
            }
        }
        return primary;
    }
}
