namespace Productivity.Core.Sync;

/// <summary>One run of a sync job (scheduled, manual or from the command line), with its counts and rejected rows.</summary>
public sealed class SyncRun
{
    public long Id { get; set; }
    public required string Job { get; set; }
    public required string Trigger { get; set; }
    public DateTime StartedUtc { get; set; }
    public DateTime? FinishedUtc { get; set; }
    public SyncRunStatus Status { get; set; }
    public int ItemsRead { get; set; }
    public int Added { get; set; }
    public int Updated { get; set; }
    public int Removed { get; set; }
    public int Rejected { get; set; }
    /// <summary>How many (employee, business day) pairs the run changed.</summary>
    public int ChangedDays { get; set; }
    public string? Error { get; set; }
    /// <summary>JSON: rejected rows with reasons, warnings, and the per-day report of a reconciliation.</summary>
    public string? Details { get; set; }
}
