using System.CommandLine;
using System.Security.Claims;
using Productivity.Core.Dashboard;
using Productivity.Infrastructure.Costs;
using Productivity.Infrastructure.Exports;
using Productivity.Infrastructure.Mappings;
using Productivity.Infrastructure.Scoring;
using Productivity.Infrastructure.Sync;
using Productivity.Web.Exports;
using static Productivity.Web.Cli.CliArguments;

namespace Productivity.Web.Cli;

/// <summary>
/// The operator commands: sync, imports, recompute and exports, each run in a <see cref="CommandHost"/> once its
/// arguments have been validated. Each prints a summary; the exit code says whether it succeeded.
/// </summary>
internal static class OperatorCommands
{
    public static IEnumerable<Command> Create() => [Sync(), Mappings(), Rates(), Recompute(), Export()];

    private static Command Sync()
    {
        var connecteam = new Command("connecteam", "Import the Connecteam time clock's shifts of a range of days.");
        var shifts = AddRange(connecteam, required: true, MaxBackfillDays, "a sync");
        connecteam.SetAction(parse => CommandHost.RunAsync(services => Report(
            services.GetRequiredService<SyncPipeline>().SyncShiftsAsync(SyncTriggers.CommandLine, Day(parse, shifts.From), Day(parse, shifts.To)))));

        var podFactory = new Command("podfactory",
            "Import PodFactory production: of a range of days, or without dates incrementally from the stored cursor.");
        var rows = AddRange(podFactory, required: false, MaxBackfillDays, "a sync");
        podFactory.SetAction(parse => CommandHost.RunAsync(services =>
        {
            var pipeline = services.GetRequiredService<SyncPipeline>();
            return Report(parse.GetValue(rows.From) is { } from && parse.GetValue(rows.To) is { } to
                ? pipeline.SyncPodFactoryDaysAsync(SyncTriggers.CommandLine, from, to)
                : pipeline.SyncPodFactoryAsync(SyncTriggers.CommandLine));
        }));

        var employees = new Command("employees", "Import Connecteam's users as employees.");
        employees.SetAction(_ => CommandHost.RunAsync(services => Report(
            services.GetRequiredService<SyncPipeline>().SyncEmployeesAsync(SyncTriggers.CommandLine))));

        return new Command("sync", "Import from a source now, recorded in sync_runs like a scheduled run.") { connecteam, podFactory, employees };
    }

    private static Command Mappings()
    {
        var import = new Command("import", "Import PodFactory e-mail → Connecteam user mappings from a CSV file.");
        var file = InputFile("CSV file; lines: email,connecteam_user_id.");
        import.Options.Add(file);
        import.SetAction(parse => CommandHost.RunAsync(async services =>
        {
            using var reader = new StreamReader(parse.GetRequiredValue(file));
            return await Report(services.GetRequiredService<MappingAdministration>().ImportCsvAsync(SyncTriggers.CommandLine, Operator(), reader));
        }));
        return new Command("mappings", "PodFactory → Connecteam mappings.") { import };
    }

    private static Command Rates()
    {
        var import = new Command("import", "Import dated hourly pay rates from a CSV file.");
        var file = InputFile("CSV file; lines: connecteam_user_id,hourly_rate,effective_from.");
        import.Options.Add(file);
        import.SetAction(parse => CommandHost.RunAsync(async services =>
        {
            using var reader = new StreamReader(parse.GetRequiredValue(file));
            return await Report(services.GetRequiredService<PayRateAdministration>().ImportCsvAsync(SyncTriggers.CommandLine, Operator(), reader));
        }));
        return new Command("rates", "Hourly pay rates.") { import };
    }

    private static Command Recompute()
    {
        var command = new Command("recompute", "Recompute every employee-day of a range of days from the stored shifts and production.");
        var range = AddRange(command, required: true, MaxBackfillDays, "a recompute");
        command.SetAction(parse => CommandHost.RunAsync(async services =>
        {
            var (from, to) = (Day(parse, range.From), Day(parse, range.To));
            var progress = new Progress<RecomputeTask>(t => Console.WriteLine($"  {t.DaysDone}/{t.DaysTotal} days, {t.EmployeeDays} employee-days"));
            var task = await services.GetRequiredService<RangeRecompute>().RunAsync(from, to, $"command-line ({Environment.UserName})", progress, default);
            Console.WriteLine($"recompute {from:yyyy-MM-dd}..{to:yyyy-MM-dd}: {task.Status}, {task.EmployeeDays} employee-days in {task.Duration?.TotalSeconds:F1} s.");
            if (task.Error is not null)
            {
                Console.Error.WriteLine($"Failed: {task.Error}");
            }
            return task.Status == RecomputeStatus.Succeeded ? CommandLine.Succeeded : CommandLine.Failed;
        }));
        return command;
    }

    private static Command Export()
    {
        var command = new Command("export", "Write an export of a range of days to a CSV or Excel file.");
        foreach (var export in new[] { RangeExport.Scores, RangeExport.Costs })
        {
            var subcommand = new Command(export.Name, export == RangeExport.Scores
                ? "The daily scores: one row per employee per day."
                : "The labour cost: one row per employee per day that has a score.");
            var range = AddRange(subcommand, required: true, MaxExportDays, "an export");
            var output = OutputFile();
            subcommand.Options.Add(output);
            subcommand.SetAction(parse => CommandHost.RunAsync(async services =>
            {
                var (from, to, path) = (Day(parse, range.From), Day(parse, range.To), parse.GetRequiredValue(output));
                // The validator accepted only .csv and .xlsx.
                var format = ExportFormats.FromFileName(path)!.Value;
                await using var file = File.Create(path);
                var rows = await export.WriteAsync(services, format, new DashboardRange(from, to), file, CancellationToken.None);
                Console.WriteLine($"export {export.Name} {from:yyyy-MM-dd}..{to:yyyy-MM-dd}: {rows} rows written to {path}.");
                return CommandLine.Succeeded;
            }));
            command.Subcommands.Add(subcommand);
        }
        return command;
    }

    private static async Task<int> Report(Task<SyncRunResult> run) => CommandHost.Report(await run);

    // Required and validated by the parser, so present here.
    private static DateOnly Day(ParseResult parse, Option<DateOnly?> option) => parse.GetValue(option)!.Value;

    // The imports' audit entries name whoever runs the host on the server.
    private static ClaimsPrincipal Operator() =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, $"command-line ({Environment.UserName})")], "cli"));
}
