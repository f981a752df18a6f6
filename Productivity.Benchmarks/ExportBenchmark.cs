using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Productivity.Infrastructure.Costs;
using Productivity.Infrastructure.Exports;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Scoring;

namespace Productivity.Benchmarks;

/// <summary>
/// The score and labour-cost exports of a month for 500 employees (500 × 31 stored days in SQLite), as CSV and as xlsx,
/// each export and format in a fresh child process so that its memory is its own: median and p95 wall time over the iterations
/// after a warm-up, bytes allocated per export (all threads), the process's working set before the first export and
/// its peak (VmHWM) after the last, and the file's size.
/// </summary>
public static class ExportBenchmark
{
    public const int DefaultEmployees = 500;
    private const string ChildFlag = "--child";
    private const string RowsOnly = "rows";
    private const string CostsPrefix = "costs-";
    private static readonly DateOnly First = StoredMonth.First;
    private static readonly DateOnly Last = StoredMonth.Last;

    public static async Task<int> RunAsync(string[] args, int iterations)
    {
        if (Options.Text(args, ChildFlag) is { } childFormat)
        {
            var costs = childFormat.StartsWith(CostsPrefix, StringComparison.Ordinal);
            var format = childFormat == RowsOnly ? (ExportFormat?)null : Enum.Parse<ExportFormat>(childFormat[(costs ? CostsPrefix.Length : 0)..], ignoreCase: true);
            return await RunChildAsync(childFormat, format, costs, Options.Text(args, "--folder")!, iterations);
        }
        var employees = Options.Int(args, "--employees", DefaultEmployees);
        var folder = Directory.CreateTempSubdirectory("productivity-export-bench-");
        try
        {
            var seeding = Stopwatch.StartNew();
            using (var host = await StartHostAsync(folder.FullName))
            {
                await StoredMonth.SeedAsync(host.Services, employees);
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Console.WriteLine(Measurement.Invariant(
                $"export: {employees} employees × {StoredMonth.Days} days = {employees * StoredMonth.Days:N0} daily scores (with costs), SQLite (seeded in {seeding.Elapsed.TotalSeconds:F1} s); {iterations} exports per format after 1 warm-up, to a file in a temp folder, each format in a fresh process ({(GCSettings.IsServerGC ? "server" : "workstation")} GC)"));
            Console.WriteLine();
            Console.WriteLine(Measurement.Invariant(
                $"{"export",-10} | {"rows",6} | {"median ms",9} | {"p95 ms",8} | {"min ms",8} | {"allocated/export",16} | {"WS before",9} | {"peak WS",9} | {"peak growth",11} | {"file size",10}"));
            Console.WriteLine(new string('-', 122));
            var failed = 0;
            foreach (var format in new[] { RowsOnly, nameof(ExportFormat.Csv), nameof(ExportFormat.Xlsx), CostsPrefix + nameof(ExportFormat.Csv), CostsPrefix + nameof(ExportFormat.Xlsx) })
            {
                var (exitCode, output) = await RunChildProcessAsync(format, folder.FullName, iterations);
                Console.WriteLine(output.TrimEnd());
                failed += exitCode == 0 ? 0 : 1;
            }
            Console.WriteLine();
            Console.WriteLine("rows: the score export's query read to the end and nothing written (what the formats share); Csv, Xlsx: the");
            Console.WriteLine("  score export; costs-Csv, costs-Xlsx: the labour-cost export of the same days.");
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

    /// <summary>One export in one format (or, for null, the score rows alone) measured in this process, as one line of the table.</summary>
    private static async Task<int> RunChildAsync(string name, ExportFormat? format, bool costs, string folder, int iterations)
    {
        using var host = await StartHostAsync(folder);
        var contextFactory = host.Services.GetRequiredService<IDbContextFactory<ProductivityDbContext>>();
        var path = Path.Combine(folder, $"{(costs ? "costs" : "scores")}.{format?.Extension() ?? "none"}");
        Func<Task<int>> run = format switch
        {
            null => () => ReadRowsAsync(contextFactory),
            { } f when costs => () => ExportAsync(path, stream => host.Services.GetRequiredService<CostExport>().WriteAsync(f, First, Last, stream)),
            { } f => () => ExportAsync(path, stream => host.Services.GetRequiredService<ScoreExport>().WriteAsync(f, First, Last, stream)),
        };
        var peakBefore = PeakWorkingSet();
        var rows = await run();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var workingSetBefore = Environment.WorkingSet;
        var measurement = new Measurement(name, rows);
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
            $"{measurement.Name,-10} | {rows,6:N0} | {measurement.Median,9:F1} | {measurement.P95,8:F1} | {measurement.Min,8:F1} | {Mb(allocated.Order().ElementAt(allocated.Count / 2)),16} | {Mb(workingSetBefore),9} | {Mb(peak),9} | {Mb(peak - peakBefore),11} | {size,10}"));
        return 0;
    }

    private static async Task<int> ExportAsync(string path, Func<Stream, Task<int>> write)
    {
        await using var file = File.Create(path);
        return await write(file);
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

    private static Task<IHost> StartHostAsync(string folder) =>
        DashboardBenchmark.StartHostAsync(folder, null, null, null, DateTime.UtcNow);

    /// <summary>The process's peak resident set (VmHWM on Linux).</summary>
    private static long PeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    private static string Mb(long bytes) => Measurement.Invariant($"{bytes / 1024.0 / 1024.0:F1} MB");
}
