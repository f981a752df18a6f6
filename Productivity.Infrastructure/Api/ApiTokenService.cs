using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Productivity.Core.Api;
using Productivity.Core.Auditing;
using Productivity.Core.Security;
using Productivity.Infrastructure.Auditing;
using Productivity.Infrastructure.Identity;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Security;

namespace Productivity.Infrastructure.Api;

/// <summary>
/// Admin → API tokens (list, create, revoke; Admin only, checked here on the server against the database, each change
/// audited) and the check every API request makes of the token it presents. Every call reads through a context of its
/// own, so a revocation, an expiry, a disabled user or a removed role ends access at the very next request.
/// </summary>
public sealed class ApiTokenService(IDbContextFactory<ProductivityDbContext> contexts, AccessCheck access, AuditLog audit,
    TimeProvider timeProvider)
{
    public const int MaxNameLength = 100;
    public const int MaxLifetimeDays = 366;

    /// <summary>
    /// "Last used" is written at most this often per token: the check that reads the token sees its stored time and
    /// skips the UPDATE while it is recent, so a busy client costs one write a minute, not one per request.
    /// </summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    // Compiled once: runs on every API request.
    private static readonly Func<ProductivityDbContext, string, CancellationToken, Task<TokenRow?>> TokenByHash =
        EF.CompileAsyncQuery((ProductivityDbContext db, string hash, CancellationToken _) => db.ApiTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash)
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new TokenRow(t.Id, t.UserId, u.UserName, t.Scopes, t.ExpiresUtc, t.RevokedUtc,
                t.LastUsedUtc, u.IsDisabled, u.LockoutEnd))
            .FirstOrDefault());

    public async Task<IReadOnlyList<ApiTokenSummary>> ListAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Tokens are few (a handful per integration): ordered here rather than through the projection.
        var tokens = await Summaries(db).ToListAsync(cancellationToken);
        return [.. tokens.OrderBy(t => t.IsRevoked).ThenByDescending(t => t.CreatedUtc).ThenByDescending(t => t.Id)];
    }

    /// <summary>Creates a token for <paramref name="userId"/> ending after <paramref name="lifetimeDays"/> days; its secret is returned once.</summary>
    public async Task<CreatedApiToken> CreateAsync(ClaimsPrincipal actor, string userId, string name, ApiScopes scopes, int lifetimeDays,
        CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        name = name.Trim();
        if (name.Length is 0 or > MaxNameLength)
        {
            throw new AdminActionRefusedException(AdminRefusal.InvalidTokenName, MaxNameLength.ToString(CultureInfo.InvariantCulture));
        }
        scopes &= ApiScopes.ReadScores | ApiScopes.ReadCosts;
        if (scopes == ApiScopes.None)
        {
            throw new AdminActionRefusedException(AdminRefusal.TokenScopesRequired);
        }
        if (lifetimeDays is < 1 or > MaxLifetimeDays)
        {
            throw new AdminActionRefusedException(AdminRefusal.TokenExpiryOutOfRange, MaxLifetimeDays.ToString(CultureInfo.InvariantCulture));
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Id, u.Email })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new AdminActionRefusedException(AdminRefusal.UserNotFound);
        var secret = ApiTokenSecret.Generate();
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var token = new ApiToken
        {
            UserId = user.Id,
            Name = name,
            TokenHash = ApiTokenSecret.Hash(secret),
            Prefix = secret[..ApiTokenSecret.PrefixLength],
            Scopes = scopes,
            CreatedBy = actor.Identity?.Name ?? "unknown",
            CreatedUtc = now,
            ExpiresUtc = now.AddDays(lifetimeDays),
        };
        // The audit entry names the new id, so the token is saved first; one transaction keeps the two together.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(db, actor, AuditKinds.ApiToken, Id(token.Id), $"{token.Name} ({user.Email})", "Create", null,
            $"{ScopeNames(scopes)}; expires {token.ExpiresUtc:yyyy-MM-dd HH:mm} UTC");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CreatedApiToken(
            new ApiTokenSummary(token.Id, token.Name, token.Prefix, user.Id, user.Email, scopes, token.CreatedBy, token.CreatedUtc,
                token.ExpiresUtc, null, null),
            secret);
    }

    public async Task RevokeAsync(ClaimsPrincipal actor, int id, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, Roles.Admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == id, cancellationToken)
            ?? throw new AdminActionRefusedException(AdminRefusal.TokenNotFound);
        if (token.RevokedUtc is not null)
        {
            return;
        }
        token.RevokedUtc = timeProvider.GetUtcNow().UtcDateTime;
        audit.Record(db, actor, AuditKinds.ApiToken, Id(token.Id), token.Name, "Revoke", "active", "revoked");
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The caller a presented token acts for, or null when the token is malformed, unknown, revoked or expired, or its
    /// user is disabled or locked by an Admin. Read fresh on every request (two primary-key / unique-index reads).
    /// </summary>
    public async Task<ApiCaller?> AuthenticateAsync(string? presented, CancellationToken cancellationToken = default)
    {
        if (!ApiTokenSecret.IsWellFormed(presented))
        {
            return null;
        }
        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await TokenByHash(db, ApiTokenSecret.Hash(presented!), cancellationToken);
        if (row is null || row.RevokedUtc is not null || row.ExpiresUtc <= now || !ApplicationUser.MayAct(row.IsDisabled, row.LockoutEnd))
        {
            return null;
        }
        var roles = await db.UserRoles.AsNoTracking().Where(ur => ur.UserId == row.UserId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .ToListAsync(cancellationToken);
        if (row.LastUsedUtc is null || row.LastUsedUtc < now - LastUsedResolution)
        {
            var stale = now - LastUsedResolution;
            // Conditional, so two nodes that both saw an old time write once between them.
            await db.ApiTokens.Where(t => t.Id == row.Id && (t.LastUsedUtc == null || t.LastUsedUtc < stale))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedUtc, now), cancellationToken);
        }
        return new ApiCaller(row.Id, row.UserId, row.UserName, row.Scopes, roles);
    }

    public static string ScopeNames(ApiScopes scopes) => string.Join(' ',
        new[] { (ApiScopes.ReadScores, ApiScopeNames.ReadScores), (ApiScopes.ReadCosts, ApiScopeNames.ReadCosts) }
            .Where(s => scopes.HasFlag(s.Item1)).Select(s => s.Item2));

    private static IQueryable<ApiTokenSummary> Summaries(ProductivityDbContext db) =>
        db.ApiTokens.AsNoTracking()
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new ApiTokenSummary(t.Id, t.Name, t.Prefix, t.UserId, u.Email, t.Scopes,
                t.CreatedBy, t.CreatedUtc, t.ExpiresUtc, t.LastUsedUtc, t.RevokedUtc));

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private sealed record TokenRow(int Id, string UserId, string? UserName, ApiScopes Scopes, DateTime ExpiresUtc, DateTime? RevokedUtc,
        DateTime? LastUsedUtc, bool IsDisabled, DateTimeOffset? LockoutEnd);
}

/// <summary>The scopes as the API and its OpenAPI document name them.</summary>
public static class ApiScopeNames
{
    public const string ReadScores = "read:scores";
    public const string ReadCosts = "read:costs";
}
