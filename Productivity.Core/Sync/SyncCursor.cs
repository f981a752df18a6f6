namespace Productivity.Core.Sync;

/// <summary>The last position read from an incremental source: (created_at, id) of the last row.</summary>
public sealed class SyncCursor
{
    public required string Source { get; set; }
    public DateTime CreatedUtc { get; set; }
    public long LastId { get; set; }
    public DateTime UpdatedUtc { get; set; }
}
