using Productivity.Core.Api;

namespace Productivity.Infrastructure.Api;

/// <summary>A token as Admin → API tokens lists it (never the token or its hash).</summary>
public sealed record ApiTokenSummary(int Id, string Name, string Prefix, string UserId, string? UserEmail, ApiScopes Scopes,
    string CreatedBy, DateTime CreatedUtc, DateTime ExpiresUtc, DateTime? LastUsedUtc, DateTime? RevokedUtc)
{
    public bool IsRevoked => RevokedUtc is not null;

    public bool IsExpiredAt(DateTime utcNow) => ExpiresUtc <= utcNow;
}

/// <summary>A new token and its secret, which exists only in this value: the database keeps its hash.</summary>
public sealed record CreatedApiToken(ApiTokenSummary Token, string Secret);

/// <summary>
/// Who a presented token acts for, read fresh at this request: the token is active, its user may act, and these are
/// the roles the user holds now.
/// </summary>
public sealed record ApiCaller(int TokenId, string UserId, string? UserName, ApiScopes Scopes, IReadOnlyList<string> Roles);
