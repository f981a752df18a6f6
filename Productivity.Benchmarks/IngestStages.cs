using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Integrations;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Sync;

namespace Productivity.Benchmarks;

/// <summary>
/// Where an ingest's time goes: the stages of one sync batch (source read, mapping lookup, ReadExisting, upsert,
/// day lookup) called one by one through the real services, batch after batch, on a fresh target.
/// </summary>
public static class IngestStages
{
    public static async Task RunAsync(SyntheticFloor floor, Dictionary<string, string?> settings)
    {
        await using var host = await BenchHost.StartAsync(settings);
        var employeeIds = await FloorSeeder.AddEmployeesAsync(host.Services, floor);
        await FloorSeeder.AddShiftsAsync(host.Services, floor, employeeIds);
        await using var scope = host.CreateScope();
        var services = scope.ServiceProvider;
        var source = services.GetRequiredService<IPodFactorySource>();
        var mappings = services.GetRequiredService<MappingLookup>();
        var db = services.GetRequiredService<ProductivityDbContext>();
        var days = services.GetRequiredService<ActivityDays>();
        var stages = new Dictionary<string, TimeSpan>();
        var total = Stopwatch.StartNew();
        var position = (DateTime.MinValue, 0L);
        while (true)
        {
            var rows = await Stage(stages, "source read (ReadAfterAsync)", () => source.ReadAfterAsync(
                DateTime.SpecifyKind(position.Item1, DateTimeKind.Utc), position.Item2, ActivitySyncService.BatchSize));
            if (rows.Count == 0)
            {
                break;
            }
            position = (rows[^1].CreatedUtc, rows[^1].Id);
            var verified = await Stage(stages, "mappings (VerifiedAsync)", () => mappings.VerifiedAsync(CancellationToken.None));
            var now = DateTime.UtcNow;
            var incoming = await Stage(stages, "map rows (in memory)", () => Task.FromResult(rows.Select(r => new ActivityRow(r.Id,
                verified.TryGetValue(MappingLookup.Normalize(r.UserEmail)!, out var id) ? id : null, MappingLookup.Normalize(r.UserEmail)!,
                r.UserName, r.UserRole, r.Action!, r.ItemsCount!.Value, r.WindowStartUtc!.Value, r.WindowEndUtc!.Value, r.CreatedUtc, now)).ToList()));
            await Stage(stages, "ReadExistingAsync", () => ActivityRows.ReadExistingAsync(db, incoming.Select(r => r.PodFactoryId).ToList(), CancellationToken.None));
            await Stage(stages, "UpsertAsync", async () => { await ActivityRows.UpsertAsync(db, incoming, CancellationToken.None); return 0; });
            await Stage(stages, "ActivityDays.DaysOfAsync", () => days.DaysOfAsync(
                incoming.Select(r => (r.EmployeeId!.Value, r.WindowStartUtc, r.WindowEndUtc)).ToList(), CancellationToken.None));
            if (rows.Count < ActivitySyncService.BatchSize)
            {
                break;
            }
        }
        Console.WriteLine(Measurement.Invariant($"stages of one ingest (batches of {ActivitySyncService.BatchSize:N0}), total {total.Elapsed.TotalMilliseconds:F0} ms:"));
        foreach (var (name, elapsed) in stages)
        {
            Console.WriteLine(Measurement.Invariant($"  {name,-32} {elapsed.TotalMilliseconds,8:F0} ms"));
        }
    }

    private static async Task<T> Stage<T>(Dictionary<string, TimeSpan> stages, string name, Func<Task<T>> action)
    {
        var stopwatch = Stopwatch.StartNew();
        var result = await action();
        stages[name] = stages.GetValueOrDefault(name) + stopwatch.Elapsed;
        return result;
    }
}
