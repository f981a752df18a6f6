using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Infrastructure.Identity;

/// <summary>
/// Whether a signed-in session still stands, read fresh from the database: its user exists, is enabled, is not locked
/// by an Admin, and still has the security stamp the session was issued with. Signing out, a password change or reset,
/// a role change, a lock and a disable all replace the stamp, so each of them ends the user's other sessions at their
/// next request, circuit event or hub message.
/// </summary>
public sealed class SessionCheck(IDbContextFactory<ProductivityDbContext> contexts, IOptions<IdentityOptions> options)
{
    // Compiled once: this runs on every request and every event of every circuit (a live dashboard acknowledges each
    // pushed render), so the primary-key read should cost no more than the database's part.
    private static readonly Func<ProductivityDbContext, string, CancellationToken, Task<UserSession?>> CurrentSession =
        EF.CompileAsyncQuery((ProductivityDbContext db, string userId, CancellationToken _) => db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new UserSession(u.SecurityStamp, u.IsDisabled, u.LockoutEnd))
            .FirstOrDefault());

    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        if (SessionOf(principal) is not { } session)
        {
            return false;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await CurrentSession(db, session.UserId, cancellationToken) is { } user
            && StampIfMayAct(user.SecurityStamp, user.IsDisabled, user.LockoutEnd) == session.Stamp;
    }

    /// <summary>The user id and security stamp a principal was issued with, or null when it carries neither.</summary>
    public (string UserId, string Stamp)? SessionOf(ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue(options.Value.ClaimsIdentity.UserIdClaimType);
        var stamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return id is null || stamp is null ? null : (id, stamp);
    }

    /// <summary>The current security stamps of those of the users who may still act (one query for many sessions).</summary>
    public async Task<IReadOnlyDictionary<string, string>> CurrentStampsAsync(IReadOnlyCollection<string> userIds,
        CancellationToken cancellationToken = default)
    {
        if (userIds.Count == 0)
        {
            return new Dictionary<string, string>();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.AsNoTracking()
            .Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.SecurityStamp, u.IsDisabled, u.LockoutEnd })
            .ToListAsync(cancellationToken);
        return users.Select(u => (u.Id, Stamp: StampIfMayAct(u.SecurityStamp, u.IsDisabled, u.LockoutEnd)))
            .Where(u => u.Stamp is not null)
            .ToDictionary(u => u.Id, u => u.Stamp!);
    }

    // A session stands while its user may act and still has the stamp it was issued with: null means no stamp stands.
    private static string? StampIfMayAct(string? stamp, bool isDisabled, DateTimeOffset? lockoutEnd) =>
        ApplicationUser.MayAct(isDisabled, lockoutEnd) ? stamp : null;

    private sealed record UserSession(string? SecurityStamp, bool IsDisabled, DateTimeOffset? LockoutEnd);
}
