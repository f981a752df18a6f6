using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Infrastructure.Sync;

namespace Productivity.Benchmarks;

/// <summary>
/// PodFactory ingestion of 100,000 <c>report_actions</c> rows from an empty target, against a plain bulk insert of the
/// same rows. Each ingest iteration gets a fresh target database (migrated, with employees, verified mappings and
/// shifts); the source database is shared and never written.
/// </summary>
public static class IngestBenchmark
{
    public const int RowCount = 100_000;
    public const int EmployeeCount = 500;
    private static readonly DateOnly Monday = new(2026, 11, 9);

    public static async Task RunAsync(int iterations, bool stages)
    {
        var floor = SyntheticFloor.Build(EmployeeCount, SyntheticFloor.Weekdays(Monday, 5));
        var windows = floor.Windows.Take(RowCount).ToList();
        Console.WriteLine(Measurement.Invariant(
            $"ingest: {windows.Count:N0} report_actions rows, {windows.Select(w => w.Employee).Distinct().Count()} e-mails, {windows.Min(w => w.StartUtc):yyyy-MM-dd HH:mm}..{windows.Max(w => w.EndUtc):yyyy-MM-dd HH:mm} UTC, {iterations} iterations + 1 warm-up each"));

        await using var source = await BenchDatabase.CreateAsync("source");
        await FloorReportActions.CreateAsync(source, floor, windows);
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:PodFactory"] = source.ConnectionString };

        var service = new Measurement("a1 ActivitySyncService.SyncIncrementalAsync (ingest only)", windows.Count);
        var pipeline = new Measurement("a2 SyncPipeline.SyncPodFactoryAsync (ingest + run record + recompute)", windows.Count);
        var bulkCopy = new Measurement("b  MySqlBulkCopy into activities", windows.Count);
        var multiRow = new Measurement("b' multi-row INSERT, 1,000 rows/statement, one transaction", windows.Count);

        // The four are interleaved and their order rotates every iteration, so that neither a change in the machine's load
        // nor the server's background work after the previous step (flushing, dropping the last target) favours one of them.
        await using var limitHost = await StartLimitHostAsync(floor);
        var rows = FloorSeeder.ActivityRows(floor, windows, await FloorSeeder.EmployeeIdsAsync(limitHost.Services, floor));
        var table = ActivityBulkInsert.ToDataTable(rows);
        var bulkCopyWorks = true;
        for (var i = 0; i <= iterations; i++)
        {
            Func<Task>[] steps =
            [
                () => IngestOnceAsync(floor, settings, i == 0 ? null : service, usePipeline: false),
                () => IngestOnceAsync(floor, settings, i == 0 ? null : pipeline, usePipeline: true),
                async () => bulkCopyWorks = bulkCopyWorks && await LimitOnceAsync(limitHost, i == 0 ? null : bulkCopy,
                    connectionString => ActivityBulkInsert.BulkCopyAsync(connectionString, table)),
                () => LimitOnceAsync(limitHost, i == 0 ? null : multiRow, connectionString => ActivityBulkInsert.MultiRowInsertAsync(connectionString, rows)),
            ];
            for (var step = 0; step < steps.Length; step++)
            {
                await steps[(step + i) % steps.Length]();
            }
        }

        Console.WriteLine();
        Measurement.PrintTable([service, pipeline, bulkCopy, multiRow]);
        var limit = bulkCopyWorks ? bulkCopy : multiRow;
        Console.WriteLine();
        Console.WriteLine(Measurement.Invariant($"limit used: {(bulkCopyWorks ? "MySqlBulkCopy (AllowLoadLocalInfile=true)" : "multi-row INSERT (MySqlBulkCopy failed)")}"));
        Console.WriteLine(Measurement.Invariant($"ratio a1/b (ingest only)      : {service.RowsPerSecond / limit.RowsPerSecond:P0} of the limit (target >= 50 %)"));
        Console.WriteLine(Measurement.Invariant($"ratio a2/b (with recompute)   : {pipeline.RowsPerSecond / limit.RowsPerSecond:P0} of the limit"));
        if (CpuSnapshot.HasServer)
        {
            Console.WriteLine(Measurement.Invariant(
                $"CPU per 100,000 rows (ours + db server, medians): a1 {service.ClientCpu + service.ServerCpu:F0} ms, b {limit.ClientCpu + limit.ServerCpu:F0} ms: b/a1 = {(limit.ClientCpu + limit.ServerCpu) / (service.ClientCpu + service.ServerCpu):P0} (independent of the machine's load)"));
        }
        Console.WriteLine(Measurement.Invariant($"recompute share of a2 (median a2 - median a1): {pipeline.Median - service.Median:F0} ms"));
        if (stages)
        {
            Console.WriteLine();
            await IngestStages.RunAsync(floor, settings);
        }
    }

    private static async Task IngestOnceAsync(SyntheticFloor floor, Dictionary<string, string?> settings, Measurement? measurement, bool usePipeline)
    {
        await using var host = await BenchHost.StartAsync(settings);
        var employeeIds = await FloorSeeder.AddEmployeesAsync(host.Services, floor);
        await FloorSeeder.AddShiftsAsync(host.Services, floor, employeeIds);
        await SettleAsync();

        var start = CpuSnapshot.Take();
        SyncOutcome outcome;
        double elapsed;
        if (usePipeline)
        {
            var result = await host.Services.GetRequiredService<SyncPipeline>().SyncPodFactoryAsync("benchmark");
            elapsed = Stop(measurement, start);
            if (result.Failure is not null)
            {
                throw new InvalidOperationException("The PodFactory sync failed.", result.Failure);
            }
            outcome = result.Outcome;
        }
        else
        {
            await using (var scope = host.CreateScope())
            {
                outcome = await scope.ServiceProvider.GetRequiredService<ActivitySyncService>().SyncIncrementalAsync();
            }
            elapsed = Stop(measurement, start);
        }

        var stored = await host.Database.ScalarAsync("SELECT COUNT(*) FROM activities WHERE EmployeeId IS NOT NULL");
        var scores = await host.Database.ScalarAsync("SELECT COUNT(*) FROM daily_scores");
        Console.WriteLine(Measurement.Invariant(
            $"  {(measurement is null ? "warm-up" : measurement.Name[..2])}: {elapsed,8:F0} ms  added {outcome.Added:N0}, rejected {outcome.RejectedCount}, attributed rows stored {stored:N0}, changed days {outcome.ChangedDays.Count:N0}, daily_scores {scores:N0}, load {MachineInfo.Load1():F1}"));
        if (outcome.Added != IngestBenchmark.RowCount || stored != IngestBenchmark.RowCount || outcome.RejectedCount > 0)
        {
            throw new InvalidOperationException("The ingest did not store every row attributed; the numbers would be meaningless.");
        }
    }

    /// <summary>The limit's target: the same migrated schema, employees and shifts; its activities table is emptied before each load.</summary>
    private static async Task<BenchHost> StartLimitHostAsync(SyntheticFloor floor)
    {
        var host = await BenchHost.StartAsync();
        var employeeIds = await FloorSeeder.AddEmployeesAsync(host.Services, floor);
        await FloorSeeder.AddShiftsAsync(host.Services, floor, employeeIds);
        return host;
    }

    /// <returns>False when the load failed (MySqlBulkCopy needs local_infile on the server); nothing is recorded then.</returns>
    private static async Task<bool> LimitOnceAsync(BenchHost host, Measurement? measurement, Func<string, Task<int>> load)
    {
        await host.Database.ExecuteAsync("TRUNCATE TABLE activities");
        await SettleAsync();
        var start = CpuSnapshot.Take();
        int inserted;
        try
        {
            inserted = await load(host.Database.ConnectionString);
        }
        catch (Exception ex) when (ex is MySqlConnector.MySqlException or NotSupportedException)
        {
            Console.WriteLine($"  load failed: {ex.Message}");
            return false;
        }
        var elapsed = Stop(measurement, start);
        Console.WriteLine(Measurement.Invariant($"  {(measurement is null ? "warm-up" : measurement.Name[..2])}: {elapsed,8:F0} ms  {inserted:N0} rows, load {MachineInfo.Load1():F1}"));
        Check(inserted, await host.Database.ScalarAsync("SELECT COUNT(*) FROM activities"));
        return true;
    }

    /// <summary>A collected heap and a second of quiet before each timed step.</summary>
    private static async Task SettleAsync()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        await Task.Delay(TimeSpan.FromSeconds(1));
    }

    private static double Stop(Measurement? measurement, CpuSnapshot start) =>
        measurement?.Add(start) ?? Stopwatch.GetElapsedTime(start.Timestamp).TotalMilliseconds;

    private static void Check(int inserted, long stored)
    {
        if (inserted != RowCount || stored != RowCount)
        {
            throw new InvalidOperationException($"The bulk insert stored {stored:N0} rows (reported {inserted:N0}), expected {RowCount:N0}.");
        }
    }
}
