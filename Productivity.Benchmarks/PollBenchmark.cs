using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using Productivity.Core.Integrations;
using Productivity.Infrastructure.Integrations.PodFactory;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Sync;

namespace Productivity.Benchmarks;

/// <summary>
/// The idle poll: the scheduled PodFactory sync exactly as <c>PodFactorySyncJob</c> runs it (SyncPipeline, trigger
/// "schedule") against a report_actions table of 100,000 rows that are all ingested already. Per poll: wall and CPU
/// time (ours and the database server's), the SQL commands EF sends to our database, the queries sent to PodFactory's,
/// and the server's own statement count (Questions; source and target share the benchmark server). Twice: with the
/// overlap (30 minutes before the cursor) holding the 500-person floor's last half hour, and holding one row.
/// </summary>
public static class PollBenchmark
{
    private static readonly DateOnly Monday = new(2026, 11, 9);

    public static async Task RunAsync(int iterations)
    {
        var floor = SyntheticFloor.Build(IngestBenchmark.EmployeeCount, SyntheticFloor.Weekdays(Monday, 5));
        var windows = floor.Windows.Take(IngestBenchmark.RowCount).ToList();
        await using var source = await BenchDatabase.CreateAsync("source");
        await FloorReportActions.CreateAsync(source, floor, windows);
        var ours = new CommandCounter();
        var podFactory = new CountingPodFactorySource(
            new PodFactoryMySqlSource(source.ConnectionString, Microsoft.Extensions.Options.Options.Create(new PodFactoryOptions())));
        await using var host = await BenchHost.StartAsync(
            new Dictionary<string, string?> { ["ConnectionStrings:PodFactory"] = source.ConnectionString },
            services =>
            {
                services.ConfigureDbContext<MySqlProductivityDbContext>(options => options.AddInterceptors(ours));
                services.AddSingleton<IPodFactorySource>(podFactory);
            });
        await FloorSeeder.AddShiftsAsync(host.Services, floor, await FloorSeeder.AddEmployeesAsync(host.Services, floor));
        var pipeline = host.Services.GetRequiredService<SyncPipeline>();

        var first = await pipeline.SyncPodFactoryAsync(SyncTriggers.Schedule);
        Console.WriteLine(Measurement.Invariant(
            $"poll: {windows.Count:N0} report_actions rows ingested by the first poll (added {first.Run.Added:N0}, recorded: {first.Recorded}); {iterations} idle polls per case + 5 warm-up, 200 ms apart"));
        if (first.Run.Added != windows.Count)
        {
            throw new InvalidOperationException("The first poll did not ingest every row; the idle polls would not be idle.");
        }

        var busy = await MeasureAsync("A idle poll, overlap = the floor's last 30 min", iterations, pipeline, ours, podFactory, host);
        // One row two hours after the floor's last: the cursor moves to it, and the overlap before it holds it alone.
        var last = windows.Max(w => w.CreatedUtc).AddHours(2);
        await source.ExecuteAsync(Measurement.Invariant(
            $"INSERT INTO report_actions (user_email, user_name, user_role, action, items_count, window_start, window_end, created_at) VALUES ('{floor.Employees[0].Email}', 'x', 'Picker', 'Picking', 3, '{last.AddMinutes(-11):yyyy-MM-dd HH:mm:ss}', '{last.AddMinutes(-1):yyyy-MM-dd HH:mm:ss}', '{last:yyyy-MM-dd HH:mm:ss}')"));
        var moved = await pipeline.SyncPodFactoryAsync(SyncTriggers.Schedule);
        Console.WriteLine(Measurement.Invariant($"one new row: added {moved.Run.Added}, recorded {moved.Recorded}"));
        var quiet = await MeasureAsync("B idle poll, overlap = one row", iterations, pipeline, ours, podFactory, host);

        Console.WriteLine();
        Measurement.PrintTable([busy.Time, quiet.Time]);
        Console.WriteLine();
        foreach (var (time, counts) in new[] { busy, quiet })
        {
            Console.WriteLine(Measurement.Invariant($"{time.Name}: per poll {counts}"));
        }
        var runs = await host.Database.ScalarAsync($"SELECT COUNT(*) FROM sync_runs WHERE Job = '{SyncJobs.PodFactory}'");
        var polls = await host.Database.ScalarAsync($"SELECT Polls FROM sync_polls WHERE Job = '{SyncJobs.PodFactory}'");
        Console.WriteLine(Measurement.Invariant($"sync_runs rows of the job: {runs} (the two polls that found rows); sync_polls.Polls: {polls}"));
    }

    private static async Task<(Measurement Time, string Counts)> MeasureAsync(string name, int iterations, SyncPipeline pipeline,
        CommandCounter ours, CountingPodFactorySource podFactory, BenchHost host)
    {
        var time = new Measurement(name);
        var commands = new List<int>();
        var queries = new List<int>();
        var statements = new List<long>();
        var rows = new List<long>();
        await using var status = new MySqlConnection(host.Database.ConnectionString);
        await status.OpenAsync();
        for (var i = -5; i < iterations; i++)
        {
            await Task.Delay(200);
            var (ourBefore, theirBefore, rowsBefore) = (ours.Count, podFactory.Queries, podFactory.Rows);
            var questionsBefore = await QuestionsAsync(status);
            var start = CpuSnapshot.Take();
            var result = await pipeline.SyncPodFactoryAsync(SyncTriggers.Schedule);
            if (i >= 0)
            {
                time.Add(start);
            }
            // The second SHOW STATUS counts itself.
            var questions = await QuestionsAsync(status) - questionsBefore - 1;
            if (result.Recorded || result.Failure is not null)
            {
                throw new InvalidOperationException($"An idle poll was recorded as a run ({result.Run.Status}, added {result.Run.Added}).");
            }
            if (i >= 0)
            {
                commands.Add(ours.Count - ourBefore);
                queries.Add(podFactory.Queries - theirBefore);
                rows.Add(podFactory.Rows - rowsBefore);
                statements.Add(questions);
            }
        }
        return (time, Measurement.Invariant(
            $"rows re-read {Range(rows)}, SQL commands to our database {Range(commands)}, queries to PodFactory's {Range(queries)}, server statements (Questions, both databases) {Range(statements)}"));
    }

    private static async Task<long> QuestionsAsync(MySqlConnection connection)
    {
        await using var command = new MySqlCommand("SHOW GLOBAL STATUS LIKE 'Questions'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return long.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Range<T>(List<T> values) where T : IComparable<T> =>
        values.Min()!.CompareTo(values.Max()!) == 0 ? $"{values[0]}" : $"{values.Min()}–{values.Max()}";
}
