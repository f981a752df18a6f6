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
        var id = actor.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null)
        {
            throw new AccessDeniedException(AccessDenial.InactiveAccount, []);
        }
        await using var db = await contexts.CreateDbContextAsync();
        var user = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.IsDisabled, u.LockoutEnd })
            .SingleOrDefaultAsync();
        if (user is null || !ApplicationUser.MayAct(user.IsDisabled, user.LockoutEnd))
        {
            throw new AccessDeniedException(AccessDenial.InactiveAccount, []);
        }
        var held = await db.UserRoles.AsNoTracking().Where(ur => ur.UserId == id)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name)
            .ToListAsync();
        if (!roles.Any(held.Contains))
        {
            throw new AccessDeniedException(AccessDenial.RoleRequired, roles);
        }
    }
}
