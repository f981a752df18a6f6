using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Productivity.Core.Employees;
using Productivity.Core.Scoring;
using Productivity.Infrastructure;
using Productivity.Infrastructure.Exports;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Scoring;

namespace Productivity.Benchmarks;

/// <summary>
/// The score export of a month for 500 employees (500 × 31 stored daily scores in SQLite), as CSV and as xlsx, each
/// format in a fresh child process so that its memory is its own: median and p95 wall time over the iterations
/// after a warm-up, bytes allocated per export (all threads), the process's working set before the first export and
/// its peak (VmHWM) after the last, and the file's size.
/// </summary>
public static class ExportBenchmark
{
    public const int DefaultEmployees = 500;
    private const string ChildFlag = "--child";
    private const string RowsOnly = "rows";
    private static readonly DateOnly First = new(2025, 12, 1);
    private static readonly DateOnly Last = new(2025, 12, 31);

    public static async Task<int> RunAsync(string[] args, int iterations)
    {
        if (Options.Text(args, ChildFlag) is { } childFormat)
        {
            return await RunChildAsync(childFormat == RowsOnly ? null : Enum.Parse<ExportFormat>(childFormat, ignoreCase: true),
                Options.Text(args, "--folder")!, iterations);
        }
        var employees = Options.Int(args, "--employees", DefaultEmployees);
        var folder = Directory.CreateTempSubdirectory("productivity-export-bench-");
        try
        {
            var seeding = Stopwatch.StartNew();
            using (var host = await StartHostAsync(folder.FullName))
            {
                await SeedAsync(host.Services, employees);
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Console.WriteLine(Measurement.Invariant(
                $"export: {employees} employees × {Last.DayNumber - First.DayNumber + 1} days = {employees * (Last.DayNumber - First.DayNumber + 1):N0} daily scores, SQLite (seeded in {seeding.Elapsed.TotalSeconds:F1} s); {iterations} exports per format after 1 warm-up, to a file in a temp folder, each format in a fresh process ({(GCSettings.IsServerGC ? "server" : "workstation")} GC)"));
            Console.WriteLine();
            Console.WriteLine(Measurement.Invariant(
                $"{"format",-6} | {"rows",6} | {"median ms",9} | {"p95 ms",8} | {"min ms",8} | {"allocated/export",16} | {"WS before",9} | {"peak WS",9} | {"peak growth",11} | {"file size",10}"));
            Console.WriteLine(new string('-', 118));
            var failed = 0;
            foreach (var format in new[] { RowsOnly, nameof(ExportFormat.Csv), nameof(ExportFormat.Xlsx) })
            {
                var (exitCode, output) = await RunChildProcessAsync(format, folder.FullName, iterations);
                Console.WriteLine(output.TrimEnd());
                failed += exitCode == 0 ? 0 : 1;
            }
            Console.WriteLine();
            Console.WriteLine("rows: the same query read to the end and nothing written (what the formats share).");
            Console.WriteLine("allocated/export: GC.GetTotalAllocatedBytes(precise) before and after each measured export, median (every thread:");
            Console.WriteLine("  the SQLite reader and the writer). WS before: the child's working set after its host started, the warm-up");
            Console.WriteLine("  export ran and a full GC. peak WS: the child's peak working set (VmHWM) after the last export; peak growth =");
            Console.WriteLine("  peak WS − the peak before the first export (host start-up, migrations check), i.e. what the exports added.");
            return failed;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>One format (or, for null, the rows alone) measured in this process, as one line of the table.</summary>
    private static async Task<int> RunChildAsync(ExportFormat? format, string folder, int iterations)
    {
        using var host = await StartHostAsync(folder);
        var export = host.Services.GetRequiredService<ScoreExport>();
        var contextFactory = host.Services.GetRequiredService<IDbContextFactory<ProductivityDbContext>>();
        var path = Path.Combine(folder, $"scores.{format?.Extension() ?? "none"}");
        Func<Task<int>> run = format is { } f ? () => ExportAsync(export, f, path) : () => ReadRowsAsync(contextFactory);
        var peakBefore = PeakWorkingSet();
        var rows = await run();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var workingSetBefore = Environment.WorkingSet;
        var measurement = new Measurement(format?.ToString() ?? RowsOnly, rows);
        var allocated = new List<long>();
        for (var i = 0; i < iterations; i++)
        {
            var bytes = GC.GetTotalAllocatedBytes(precise: true);
            var start = CpuSnapshot.Take();
            var written = await run();
            measurement.Add(start);
            allocated.Add(GC.GetTotalAllocatedBytes(precise: true) - bytes);
            if (written != rows)
            {
                throw new InvalidOperationException($"{measurement.Name}: {written} rows, expected {rows}");
            }
        }
        var peak = PeakWorkingSet();
        var size = format is null ? "-" : Mb(new FileInfo(path).Length);
        Console.WriteLine(Measurement.Invariant(
            $"{measurement.Name,-6} | {rows,6:N0} | {measurement.Median,9:F1} | {measurement.P95,8:F1} | {measurement.Min,8:F1} | {Mb(allocated.Order().ElementAt(allocated.Count / 2)),16} | {Mb(workingSetBefore),9} | {Mb(peak),9} | {Mb(peak - peakBefore),11} | {size,10}"));
        return 0;
    }

    private static async Task<int> ExportAsync(ScoreExport export, ExportFormat format, string path)
    {
        await using var file = File.Create(path);
        return await export.WriteAsync(format, First, Last, file);
    }

    private static async Task<int> ReadRowsAsync(IDbContextFactory<ProductivityDbContext> contextFactory)
    {
        await using var db = await contextFactory.CreateDbContextAsync();
        var count = 0;
        await foreach (var _ in ScoreExport.Rows(db, First, Last, null))
        {
            count++;
        }
        return count;
    }

    private static async Task<(int ExitCode, string Output)> RunChildProcessAsync(string format, string folder, int iterations)
    {
        var dll = typeof(ExportBenchmark).Assembly.Location;
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(dll);
        }
        foreach (var argument in new[] { "export", ChildFlag, format, "--folder", folder, "--iterations", iterations.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    private static async Task<IHost> StartHostAsync(string folder)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = "Benchmark",
            ContentRootPath = folder,
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Data:Folder"] = folder,
            ["Jobs:Enabled"] = "false",
            ["Seed:AdminEmail"] = "admin@example.test",
            ["Seed:AdminPassword"] = "Benchmark-Admin-Password",
            ["Database:Provider"] = "Sqlite",
        });
        builder.Logging.ClearProviders();
        builder.AddInfrastructure();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>Stored rows as the recompute leaves them (the export reads nothing else); names vary in length and script.</summary>
    private static async Task SeedAsync(IServiceProvider services, int employeeCount)
    {
        var random = new Random(7);
        var roles = new[] { "Picker", "Packer", "Labeling", "Receiving", null };
        for (var e = 0; e < employeeCount; e += 100)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
            var employees = Enumerable.Range(e, Math.Min(100, employeeCount - e))
                .Select(i => new Employee
                {
                    Name = i % 10 == 0 ? $"Zoë Ñúñez-{i:000}" : $"Employee {i:000} {new string('x', i % 12)}",
                    Email = $"employee{i:000}@example.test",
                    ConnecteamUserId = i % 7 == 0 ? null : 9_000_000 + i,
                })
                .ToList();
            db.Employees.AddRange(employees);
            await db.SaveChangesAsync();
            foreach (var employee in employees)
            {
                for (var day = First; day <= Last; day = day.AddDays(1))
                {
                    var clocked = 480 + random.Next(0, 60);
                    var active = clocked * (0.5 + (random.NextDouble() * 0.45));
                    var standard = active * (0.6 + (random.NextDouble() * 0.6));
                    db.DailyScores.Add(new DailyScore
                    {
                        EmployeeId = employee.Id,
                        BusinessDay = day,
                        Items = random.Next(50, 900),
                        Points = Math.Round(standard, 2),
                        ClockedMinutes = clocked,
                        ActiveMinutes = Math.Round(active, 2),
                        IdleMinutes = Math.Round(clocked - active, 2),
                        Utilization = Math.Round(active / clocked, 4),
                        StandardMinutes = Math.Round(standard, 2),
                        Performance = Math.Round(standard / active, 4),
                        PrimaryRole = roles[random.Next(roles.Length)],
                        UnclockedItems = random.Next(0, 3),
                        UnclockedWindows = random.Next(0, 2),
                        Sessions = 1,
                        ComputedUtc = DateTime.UtcNow,
                    });
                }
            }
            await db.SaveChangesAsync();
        }
    }

    /// <summary>The process's peak resident set (VmHWM on Linux).</summary>
    private static long PeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    private static string Mb(long bytes) => Measurement.Invariant($"{bytes / 1024.0 / 1024.0:F1} MB");
}
