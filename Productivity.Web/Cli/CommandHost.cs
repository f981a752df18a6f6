using Productivity.Infrastructure;
using Productivity.Infrastructure.Sync;

namespace Productivity.Web.Cli;

/// <summary>
/// The generic host a command runs in: the site's configuration and services, without the web server and the
/// schedules. Built only once the arguments are valid, so help and usage errors never reach the database.
/// </summary>
internal static class CommandHost
{
    public static async Task<int> RunAsync(Func<IServiceProvider, Task<int>> work)
    {
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = typeof(Program).Assembly.GetName().Name });
            // Commands run once and leave the schedules to the site.
            builder.Configuration.AddInMemoryCollection([new("Jobs:Enabled", "false")]);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.AddInfrastructure();
            using var host = builder.Build();
            await host.StartAsync();
            try
            {
                return await work(host.Services);
            }
            finally
            {
                await host.StopAsync();
            }
        }
        catch (Exception ex) when (StartupFailure.Describe(ex) is { } message)
        {
            Console.Error.WriteLine($"Productivity cannot start: {message}");
            return CommandLine.Failed;
        }
    }

    /// <summary>Prints a sync run's summary; 0 when it succeeded, 1 when it failed.</summary>
    public static int Report(SyncRunResult result)
    {
        var run = result.Run;
        Console.WriteLine($"{run.Job}: {run.Status} in {(run.FinishedUtc - run.StartedUtc)?.TotalSeconds:F1} s — read {run.ItemsRead}, " +
            $"added {run.Added}, updated {run.Updated}, removed {run.Removed}, unchanged {result.Outcome.Unchanged}, " +
            $"rejected {run.Rejected}; {run.ChangedDays} employee-days changed.");
        foreach (var (day, report) in result.Outcome.Days)
        {
            Console.WriteLine($"  {day:yyyy-MM-dd}: {report.Shifts} shifts, {report.Added} added, {report.Changed} changed, {report.Removed} removed");
        }
        foreach (var warning in result.Outcome.Warnings)
        {
            Console.WriteLine($"  warning: {warning}");
        }
        foreach (var removed in result.Outcome.RemovedShifts.Take(50))
        {
            Console.WriteLine($"  removed shift {removed.ShiftId} (clock {removed.ClockId}, employee {removed.EmployeeId}, {removed.BusinessDay:yyyy-MM-dd})");
        }
        if (result.Outcome.RemovedShifts.Count > 50)
        {
            Console.WriteLine($"  … and {result.Outcome.RemovedShifts.Count - 50} more removed shifts (see the sync run's details).");
        }
        foreach (var rejected in result.Outcome.Rejected.Take(50))
        {
            Console.WriteLine($"  rejected {rejected.Key}: {rejected.Reason}");
        }
        if (result.Outcome.RejectedCount > 50)
        {
            Console.WriteLine($"  … and {result.Outcome.RejectedCount - 50} more rejected rows (see the sync run's details).");
        }
        if (result.Failure is not null)
        {
            Console.Error.WriteLine($"Failed: {result.Failure.Message}");
        }
        return result.Succeeded ? CommandLine.Succeeded : CommandLine.Failed;
    }
}
