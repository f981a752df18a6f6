using Productivity.Infrastructure.Jobs;

namespace Productivity.Infrastructure.Sync;

/// <summary>
/// The scheduled jobs the Sync page lists, in its order: Quartz key and the name their runs carry in <c>sync_runs</c>
/// (null for a job that records no runs). Their titles are Productivity.Web's.
/// </summary>
public static class SyncJobCatalog
{
    public static IReadOnlyList<(string JobKey, string? SyncJob)> All { get; } =
    [
        (nameof(ShiftSyncJob), SyncJobs.Shifts),
        (nameof(EmployeeSyncJob), SyncJobs.Employees),
        (nameof(ReconciliationJob), SyncJobs.Reconciliation),
        (nameof(PodFactorySyncJob), SyncJobs.PodFactory),
        (nameof(PodFactoryDaysJob), SyncJobs.PodFactoryDays),
        (nameof(OpenShiftScoringJob), null),
    ];
}
