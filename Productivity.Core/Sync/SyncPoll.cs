namespace Productivity.Core.Sync;

/// <summary>
/// When a polling job (the incremental PodFactory sync) last read its source successfully, whether or not it found
/// anything. A scheduled poll that finds nothing writes no <see cref="SyncRun"/> (every 10 s that would bury the runs
/// that matter), so this row is how an Admin sees that the job is alive.
/// </summary>
public sealed class SyncPoll
{
    public required string Job { get; set; }
    public DateTime PolledUtc { get; set; }
    /// <summary>Successful polls so far, recorded as runs or not: how firings are counted across the nodes of a cluster.</summary>
    public long Polls { get; set; }
}
