using System.Diagnostics.CodeAnalysis;

namespace Productivity.Core.Scoring;

/// <summary>
/// The roles indexed by PodFactory action, built once and shared by every calculation. Actions match exactly
/// (ordinal, case-sensitive) because PodFactory sends a fixed vocabulary; an action with no role is an unknown action.
/// </summary>
public sealed class RoleTable
{
    private readonly RoleDefinition[] _roles;
    private readonly Dictionary<string, int> _indexByAction;

    /// <summary>Indexes <paramref name="roles"/>; throws when an action repeats or a role cannot give a threshold.</summary>
    public RoleTable(IEnumerable<RoleDefinition> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        _roles = [.. roles];
        _indexByAction = new Dictionary<string, int>(_roles.Length, StringComparer.Ordinal);
        for (var i = 0; i < _roles.Length; i++)
        {
            var role = _roles[i];
            if (!(role.ExpectedPerHour > 0) || double.IsInfinity(role.ExpectedPerHour))
            {
                throw new ArgumentException($"Role '{role.RoleName}' needs a positive expected items per hour.", nameof(roles));
            }
            if (role.Kind == RoleKind.Continuous && !(role.IdleThresholdMinutes >= 0))
            {
                throw new ArgumentException($"Continuous role '{role.RoleName}' needs an idle threshold.", nameof(roles));
            }
            if (!_indexByAction.TryAdd(role.Action, i))
            {
                throw new ArgumentException($"Action '{role.Action}' has more than one role.", nameof(roles));
            }
        }
    }

    /// <summary>The seeded roles of scoring.md (<see cref="DefaultRoles.All"/>).</summary>
    public static RoleTable Default { get; } = new(DefaultRoles.All);

    public IReadOnlyList<RoleDefinition> Roles => _roles;

    /// <summary>The department of a role name (its first action's: a name shared by several actions has one department).</summary>
    public string? DepartmentOf(string roleName) =>
        _roles.FirstOrDefault(r => string.Equals(r.RoleName, roleName, StringComparison.Ordinal))?.Department;

    public bool TryGet(string action, [MaybeNullWhen(false)] out RoleDefinition role)
    {
        var index = IndexOf(action);
        role = index >= 0 ? _roles[index] : null;
        return index >= 0;
    }

    internal int IndexOf(string action) => _indexByAction.TryGetValue(action, out var index) ? index : -1;
}
