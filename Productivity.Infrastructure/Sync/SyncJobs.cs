namespace Productivity.Infrastructure.Sync;

/// <summary>Names of the sync jobs as recorded in <c>sync_runs</c> and shown in the admin UI.</summary>
public static class SyncJobs
{
    public const string Shifts = "connecteam-shifts";
    public const string Employees = "connecteam-employees";
    /// <summary>A re-read for a Connecteam webhook event (its own name, so the 5-minute poll's last run stays visible).</summary>
    public const string Webhook = "connecteam-webhook";
    public const string Reconciliation = "connecteam-reconciliation";
    public const string PodFactory = "podfactory";
    public const string PodFactoryDays = "podfactory-days";
    public const string MappingImport = "mapping-import";
    public const string RateImport = "rate-import";
}
