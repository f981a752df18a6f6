using System.Globalization;
using System.Security.Claims;
using Productivity.Core.Dashboard;
using Productivity.Infrastructure;
using Productivity.Infrastructure.Costs;
using Productivity.Infrastructure.Exports;
using Productivity.Infrastructure.Mappings;
using Productivity.Infrastructure.Scoring;
using Productivity.Infrastructure.Sync;
using Productivity.Web.Exports;

namespace Productivity.Web.Cli;

/// <summary>
/// Operator commands with the site's configuration: <c>dotnet run --project Productivity.Web -- sync connecteam --from
/// 2025-12-01 --to 2025-12-10</c>. Each prints a summary and exits non-zero on failure (2 for a usage error).
/// </summary>
internal static class CommandLine
{
    private const string Usage = """
        Usage:
          sync connecteam --from YYYY-MM-DD --to YYYY-MM-DD
          sync podfactory [--from YYYY-MM-DD --to YYYY-MM-DD]   (without dates: incremental from the cursor)
          sync employees
          mappings import --file F.csv                          (lines: email,connecteam_user_id)
          rates import --file F.csv                             (lines: connecteam_user_id,hourly_rate,effective_from)
          recompute --from YYYY-MM-DD --to YYYY-MM-DD
          export scores --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.csv|FILE.xlsx   (format from the extension)
          export costs --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.csv|FILE.xlsx
        """;

    private static readonly string[] Verbs = ["sync", "mappings", "rates", "recompute", "export"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.Contains(args[0], StringComparer.OrdinalIgnoreCase);

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            return await RunCoreAsync(args);
        }
        catch (Exception ex) when (StartupFailure.Describe(ex) is { } message)
        {
            Console.Error.WriteLine($"Productivity cannot start: {message}");
            return 1;
        }
    }

    private static async Task<int> RunCoreAsync(string[] args)
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
            if (args[0].Equals("recompute", StringComparison.OrdinalIgnoreCase))
            {
                return await RecomputeAsync(host.Services, Options(args.Skip(1).ToArray()));
            }
            if (args[0].Equals("export", StringComparison.OrdinalIgnoreCase) && args.Length > 1 && RangeExport.Named(args[1]) is { } export)
            {
                return await ExportAsync(host.Services, export, Options(args.Skip(2).ToArray()));
            }
            var pipeline = host.Services.GetRequiredService<SyncPipeline>();
            var result = await DispatchAsync(pipeline, host.Services, args);
            if (result is null)
            {
                Console.Error.WriteLine(Usage);
                return 2;
            }
            Print(result);
            return result.Succeeded ? 0 : 1;
        }
        catch (UsageException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task<SyncRunResult?> DispatchAsync(SyncPipeline pipeline, IServiceProvider services, string[] args)
    {
        var verb = string.Join(' ', args.Take(2)).ToLowerInvariant();
        var options = Options(args.Skip(2).ToArray());
        if (options.ContainsKey("--from") && options.ContainsKey("--to") && Date(options, "--to") < Date(options, "--from"))
        {
            throw new UsageException("--to must not be before --from.");
        }
        switch (verb)
        {
            case "sync connecteam":
                return await pipeline.SyncShiftsAsync(SyncTriggers.CommandLine, Date(options, "--from"), Date(options, "--to"));
            case "sync podfactory":
                return options.ContainsKey("--from") || options.ContainsKey("--to")
                    ? await pipeline.SyncPodFactoryDaysAsync(SyncTriggers.CommandLine, Date(options, "--from"), Date(options, "--to"))
                    : await pipeline.SyncPodFactoryAsync(SyncTriggers.CommandLine);
            case "sync employees":
                return await pipeline.SyncEmployeesAsync(SyncTriggers.CommandLine);
            case "mappings import":
                using (var reader = OpenFile(options))
                {
                    return await services.GetRequiredService<MappingAdministration>().ImportCsvAsync(SyncTriggers.CommandLine, Operator(), reader);
                }
            case "rates import":
                using (var reader = OpenFile(options))
                {
                    return await services.GetRequiredService<PayRateAdministration>().ImportCsvAsync(SyncTriggers.CommandLine, Operator(), reader);
                }
            default:
                return null;
        }
    }

    private static StreamReader OpenFile(Dictionary<string, string> options)
    {
        var file = options.GetValueOrDefault("--file") ?? throw new UsageException("--file is required.");
        return File.Exists(file) ? new StreamReader(file) : throw new UsageException($"File not found: {file}");
    }

    // The imports' audit entries name whoever runs the host on the server.
    private static ClaimsPrincipal Operator() =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, $"command-line ({Environment.UserName})")], "cli"));

    private static async Task<int> RecomputeAsync(IServiceProvider services, Dictionary<string, string> options)
    {
        var (from, to) = (Date(options, "--from"), Date(options, "--to"));
        if (to < from)
        {
            throw new UsageException("--to must not be before --from.");
        }
        var progress = new Progress<RecomputeTask>(t => Console.WriteLine($"  {t.DaysDone}/{t.DaysTotal} days, {t.EmployeeDays} employee-days"));
        var task = await services.GetRequiredService<RangeRecompute>().RunAsync(from, to, $"command-line ({Environment.UserName})", progress, default);
        Console.WriteLine($"recompute {from:yyyy-MM-dd}..{to:yyyy-MM-dd}: {task.Status}, {task.EmployeeDays} employee-days in {task.Duration?.TotalSeconds:F1} s.");
        if (task.Error is not null)
        {
            Console.Error.WriteLine($"Failed: {task.Error}");
        }
        return task.Status == RecomputeStatus.Succeeded ? 0 : 1;
    }

    private static async Task<int> ExportAsync(IServiceProvider services, RangeExport export, Dictionary<string, string> options)
    {
        var (from, to) = (Date(options, "--from"), Date(options, "--to"));
        if (to < from)
        {
            throw new UsageException("--to must not be before --from.");
        }
        var path = options.GetValueOrDefault("--out") ?? throw new UsageException("--out is required.");
        var format = ExportFormats.FromFileName(path) ?? throw new UsageException($"--out must be a .csv or .xlsx file (got '{path}').");
        await using var file = File.Create(path);
        var rows = await export.WriteAsync(services, format, new DashboardRange(from, to), file, CancellationToken.None);
        Console.WriteLine($"export {export.Name} {from:yyyy-MM-dd}..{to:yyyy-MM-dd}: {rows} rows written to {path}.");
        return 0;
    }

    private static void Print(SyncRunResult result)
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
    }

    private static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new UsageException($"Unexpected argument '{args[i]}'.");
            }
            options[args[i]] = args[++i];
        }
        return options;
    }

    private static DateOnly Date(Dictionary<string, string> options, string name) =>
        options.TryGetValue(name, out var text)
            ? DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : throw new UsageException($"{name} must be a date like 2025-12-10 (got '{text}').")
            : throw new UsageException($"{name} is required.");

    private sealed class UsageException(string message) : Exception(message);
}
