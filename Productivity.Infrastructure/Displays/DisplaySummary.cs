namespace Productivity.Infrastructure.Displays;

/// <summary>A display device as Admin → Displays lists it (never its token or hash).</summary>
public sealed record DisplaySummary(int Id, string Name, string CreatedBy, DateTime CreatedUtc, DateTime? LastSeenUtc, DateTime? RevokedUtc)
{
    public bool IsRevoked => RevokedUtc is not null;
}
