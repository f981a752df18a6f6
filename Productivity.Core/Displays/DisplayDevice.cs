namespace Productivity.Core.Displays;

/// <summary>
/// A shop-floor TV allowed to show the live leaderboard. It signs in with a random token shown once to the Admin who
/// created it; only the token's SHA-256 is stored. Revoking ends the display within a minute.
/// </summary>
public sealed class DisplayDevice
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>Lower-case hex SHA-256 of the token (64 characters).</summary>
    public required string TokenHash { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? LastSeenUtc { get; set; }
    public DateTime? RevokedUtc { get; set; }

    public bool IsRevoked => RevokedUtc is not null;
}
