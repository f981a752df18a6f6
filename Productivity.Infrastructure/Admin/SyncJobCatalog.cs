using Productivity.Infrastructure.Jobs;
using Productivity.Infrastructure.Sync;

namespace Productivity.Infrastructure.Admin;

/// <summary>The scheduled jobs as the Sync page lists them: Quartz key, title and the name their runs carry in <c>sync_runs</c>.</summary>
public static class SyncJobCatalog
{
    public static IReadOnlyList<(string JobKey, string Title, string? SyncJob)> All { get; } =
    [
        (nameof(ShiftSyncJob), "Connecteam shifts (today and yesterday)", SyncJobs.Shifts),
        (nameof(EmployeeSyncJob), "Connecteam employees", SyncJobs.Employees),
        (nameof(ReconciliationJob), "Connecteam reconciliation (14 days)", SyncJobs.Reconciliation),
        (nameof(PodFactorySyncJob), "PodFactory (incremental)", SyncJobs.PodFactory),
        (nameof(PodFactoryDaysJob), "PodFactory (today and yesterday re-read)", SyncJobs.PodFactoryDays),
        (nameof(OpenShiftScoringJob), "Open-shift rescoring", null),
    ];
}
