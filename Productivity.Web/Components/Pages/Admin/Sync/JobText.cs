using System.Globalization;
using Productivity.Infrastructure.Jobs;
using Productivity.Infrastructure.Sync;

namespace Productivity.Web.Components.Pages.Admin.Sync;

/// <summary>How the scheduled jobs, their schedules and the answer to "Run now" read on the Sync page.</summary>
internal static class JobText
{
    public static string Title(string jobKey) => jobKey switch
    {
        nameof(ShiftSyncJob) => "Connecteam shifts (today and yesterday)",
        nameof(EmployeeSyncJob) => "Connecteam employees",
        nameof(ReconciliationJob) => "Connecteam reconciliation (14 days)",
        nameof(PodFactorySyncJob) => "PodFactory (incremental)",
        nameof(PodFactoryDaysJob) => "PodFactory (today and yesterday re-read)",
        nameof(OpenShiftScoringJob) => "Open-shift rescoring",
        _ => jobKey,
    };

    public static string Schedule(JobTiming? timing) => timing switch
    {
        null => "not scheduled",
        { Every: { } every } => $"every {Interval(every)}",
        { Cron: { } cron } => $"cron {cron} ({timing.TimeZoneId})",
        _ => "scheduled",
    };

    public static string RunNow(RunNowResult result) => $"{Title(result.JobKey)}: " + result switch
    {
        { Started: true } => "started; the run appears in the history when it ends.",
        { Rescored: { } rescored } => string.Create(CultureInfo.InvariantCulture, $"rescored {rescored} employee-days with open shifts."),
        { Failed: true, Run: { } failed } => $"failed: {failed.Error}",
        { Run: { } run } => string.Create(CultureInfo.InvariantCulture,
            $"{run.Status}: read {run.ItemsRead}, added {run.Added}, updated {run.Updated}, rejected {run.Rejected}."),
        _ => "done.",
    };

    private static string Interval(TimeSpan interval) =>
        interval.TotalMinutes >= 1 && interval.Seconds == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{interval.TotalMinutes:0} min")
            : string.Create(CultureInfo.InvariantCulture, $"{interval.TotalSeconds:0} s");
}
