using System.Security.Claims;

namespace Productivity.Infrastructure.Identity;

/// <summary>
/// Admin → Users. Every method re-checks on the server that the caller is an active Admin and enforces
/// the last-Admin rule; every change writes one audit entry in the same transaction.
/// </summary>
public interface IUserAdministration
{
    Task<UserPage> SearchAsync(ClaimsPrincipal actor, UserQuery query, CancellationToken cancellationToken = default);
    Task<CreatedUser> CreateAsync(ClaimsPrincipal actor, NewUser user, CancellationToken cancellationToken = default);
    Task SetRolesAsync(ClaimsPrincipal actor, string userId, IReadOnlyCollection<string> roles, CancellationToken cancellationToken = default);
    Task SetLockedAsync(ClaimsPrincipal actor, string userId, bool locked, CancellationToken cancellationToken = default);
    Task SetDisabledAsync(ClaimsPrincipal actor, string userId, bool disabled, CancellationToken cancellationToken = default);
    /// <summary>Sets a generated password (shown once) and requires a change at the next sign-in.</summary>
    Task<string> ResetPasswordAsync(ClaimsPrincipal actor, string userId, CancellationToken cancellationToken = default);
}

public sealed record UserQuery(string? Search, int Page, int PageSize, string? SortBy = null, bool Descending = false);

public sealed record UserPage(IReadOnlyList<UserSummary> Items, int TotalCount);

public sealed record UserSummary(
    string Id,
    string Email,
    string? DisplayName,
    IReadOnlyList<string> Roles,
    bool IsLocked,
    bool IsDisabled,
    bool MustChangePassword,
    DateTime CreatedUtc);

public sealed record NewUser(string Email, string? DisplayName, IReadOnlyCollection<string> Roles);

public sealed record CreatedUser(UserSummary User, string Password);
