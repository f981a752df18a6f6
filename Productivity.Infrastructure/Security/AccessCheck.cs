using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Productivity.Core.Security;
using Productivity.Infrastructure.Identity;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Infrastructure.Security;

/// <summary>
/// The server-side check behind every admin and employee service method, displays included: the caller must be an
/// existing, enabled user not locked by an Admin who holds one of the roles now. It reads the database through a new,
/// untracked context on every call: a circuit lives all day, and a context or user object it has held since it opened
/// would answer for the user as they were then (a demoted Admin could go on creating Admins).
/// </summary>
public sealed class AccessCheck(IDbContextFactory<ProductivityDbContext> contexts)
{
    /// <summary>Employees and employee days are for Leads, Managers and Admins.</summary>
    public Task RequireViewerAsync(ClaimsPrincipal viewer) => RequireAsync(viewer, [.. Roles.All]);

    /// <summary>Whether the caller may act in one of the roles now: for what is shown or left out, not refused.</summary>
    public async Task<bool> MayAsync(ClaimsPrincipal actor, params string[] roles)
    {
        try
        {
            await RequireAsync(actor, roles);
            return true;
        }
        catch (AccessDeniedException)
        {
            return false;
        }
    }

    public async Task RequireAsync(ClaimsPrincipal actor, params string[] roles)
    {
        var held = await ActiveRolesAsync(actor) ?? throw new AccessDeniedException(AccessDenial.InactiveAccount, []);
        if (!roles.Any(held.Contains))
        {
            throw new AccessDeniedException(AccessDenial.RoleRequired, roles);
        }
    }

    /// <summary>
    /// The roles the caller holds now, or null when they are not an active user (unknown, disabled, locked): for checks
    /// that depend on more than one role at once, such as which alerts someone may see.
    /// </summary>
    public async Task<IReadOnlyList<string>?> ActiveRolesAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default)
    {
        var id = actor.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null)
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.IsDisabled, u.LockoutEnd })
            .SingleOrDefaultAsync(cancellationToken);
        if (user is null || !ApplicationUser.MayAct(user.IsDisabled, user.LockoutEnd))
        {
            return null;
        }
        var held = await db.UserRoles.AsNoTracking().Where(ur => ur.UserId == id)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .ToListAsync(cancellationToken);
        return held;
    }
}
