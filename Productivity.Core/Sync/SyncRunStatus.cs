namespace Productivity.Core.Sync;

public enum SyncRunStatus
{
    Running,
    Succeeded,
    /// <summary>The run finished but rejected some rows (they are listed in the details).</summary>
    SucceededWithRejections,
    Failed,
}
