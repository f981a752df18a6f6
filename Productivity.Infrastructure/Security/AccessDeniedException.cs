namespace Productivity.Infrastructure.Security;

/// <summary>Why <see cref="AccessCheck"/> refused a caller.</summary>
public enum AccessDenial
{
    /// <summary>No signed-in user, or one that no longer exists, is disabled or is locked.</summary>
    InactiveAccount,

    /// <summary>An active user who holds none of the roles the action needs (<see cref="AccessDeniedException.Roles"/>).</summary>
    RoleRequired,
}

/// <summary>
/// A caller refused by <see cref="AccessCheck"/>. Still an <see cref="UnauthorizedAccessException"/>, so every page and
/// endpoint treats it as "no access"; the reason and roles are for Web to word (the message is for logs).
/// </summary>
public sealed class AccessDeniedException(AccessDenial reason, IReadOnlyList<string> roles)
    : UnauthorizedAccessException(reason == AccessDenial.RoleRequired ? $"Caller holds none of the roles {string.Join(", ", roles)}." : "Caller is not an active user.")
{
    public AccessDenial Reason { get; } = reason;

    /// <summary>The roles that would have been allowed (empty for an inactive account).</summary>
    public IReadOnlyList<string> Roles { get; } = roles;
}
