using Productivity.Core.Security;

namespace Productivity.Core.Alerts;

/// <summary>The "roles told" of a rule as stored: known role names, comma-separated, in <see cref="Roles.All"/> order.</summary>
public static class AlertRoles
{
    public static IReadOnlyList<string> Parse(string? stored) =>
        string.IsNullOrWhiteSpace(stored)
            ? []
            : stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(r => Roles.All.Contains(r, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The stored form; throws on a name that is not an application role (bad input never reaches the table).</summary>
    public static string Format(IEnumerable<string> roles)
    {
        var set = roles.ToHashSet(StringComparer.Ordinal);
        var unknown = set.Where(r => !Roles.All.Contains(r, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Not an application role: {string.Join(", ", unknown)}.", nameof(roles));
        }
        return string.Join(",", Roles.All.Where(set.Contains));
    }
}
