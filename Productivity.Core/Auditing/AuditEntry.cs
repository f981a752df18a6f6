namespace Productivity.Core.Auditing;

/// <summary>One administrative change: who did what to which record, with the old and new values.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime OccurredUtc { get; set; }
    public string? ActorId { get; set; }
    public required string ActorName { get; set; }
    /// <summary>What kind of record changed, e.g. <see cref="AuditKinds.User"/>.</summary>
    public required string Kind { get; set; }
    public required string TargetId { get; set; }
    public string? TargetName { get; set; }
    public required string Action { get; set; }
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
}
