using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Productivity.Infrastructure.Identity;

namespace Productivity.Infrastructure.Admin;

/// <summary>
/// The server-side role check behind every admin service method: the caller must be an existing, enabled, unlocked
/// user who holds one of the roles now (read from the database, not from a cookie that may predate a demotion).
/// </summary>
public sealed class AccessCheck(UserManager<ApplicationUser> userManager, TimeProvider timeProvider)
{
    public async Task RequireAsync(ClaimsPrincipal actor, params string[] roles)
    {
        var id = actor.FindFirstValue(ClaimTypes.NameIdentifier);
        var user = id is null ? null : await userManager.FindByIdAsync(id);
        if (user is null || user.IsDisabled || (user.LockoutEnd is { } end && end > timeProvider.GetUtcNow()))
        {
            throw new UnauthorizedAccessException("Sign in with an active account.");
        }
        foreach (var role in roles)
        {
            if (await userManager.IsInRoleAsync(user, role))
            {
                return;
            }
        }
        throw new UnauthorizedAccessException($"Only {string.Join(" or ", roles)} may do this.");
    }
}
