using System.Globalization;
using Productivity.Core.Sync;

namespace Productivity.Web.Components.Pages.Admin.Sync;

/// <summary>How a sync run's duration and counts read on the Sync page.</summary>
internal static class RunText
{
    public static string Duration(SyncRun run) => run.FinishedUtc is { } finished
        ? Seconds(finished - run.StartedUtc)
        : "running";

    public static string Counts(SyncRun run) => string.Create(CultureInfo.InvariantCulture,
        $"read {run.ItemsRead} · added {run.Added} · updated {run.Updated} · removed {run.Removed} · rejected {run.Rejected} · {run.ChangedDays} employee-days");

    public static string Seconds(TimeSpan duration) => duration.TotalSeconds < 60
        ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.0} s")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes} min {duration.Seconds} s");
}
