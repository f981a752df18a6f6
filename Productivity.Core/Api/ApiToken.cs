namespace Productivity.Core.Api;

/// <summary>
/// A personal access token for the read API: created by an Admin for one user, with scopes and an expiry. The token
/// itself is shown once; only its SHA-256 is stored. It acts with its user's roles as they are at each request, never
/// more, and ends at its expiry, its revocation, or when its user is disabled or locked.
/// </summary>
public sealed class ApiToken
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }
    /// <summary>Lower-case hex SHA-256 of the token (64 characters).</summary>
    public required string TokenHash { get; set; }
    /// <summary>The first characters of the token ("pat_AbCd"), shown in lists so a person can tell their tokens apart.</summary>
    public required string Prefix { get; set; }
    public ApiScopes Scopes { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime ExpiresUtc { get; set; }
    /// <summary>Written at most once a minute per token (<c>ApiTokenService.LastUsedResolution</c>), not on every request.</summary>
    public DateTime? LastUsedUtc { get; set; }
    public DateTime? RevokedUtc { get; set; }
}

/// <summary>What a token may read. Stored as an integer; a token has at least one.</summary>
[Flags]
public enum ApiScopes
{
    None = 0,
    /// <summary><c>read:scores</c>: employees, daily scores, employee days with their idle periods, sync runs.</summary>
    ReadScores = 1,
    /// <summary><c>read:costs</c>: labour cost rows (the user must also be allowed to see money).</summary>
    ReadCosts = 2,
}
