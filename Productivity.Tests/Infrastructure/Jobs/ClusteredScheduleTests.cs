using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Sync;
using Productivity.Tests.TestSupport;
using Quartz;

namespace Productivity.Tests.Infrastructure.Jobs;

/// <summary>
/// The schedule in the clustered Quartz store on MariaDB across node restarts: a starting node leaves an unchanged
/// trigger alone (replacing a trigger another node had acquired made both nodes fire it every period), applies a
/// changed interval, drops the jobs of a source that is no longer configured, and nodes starting together catch up a
/// missed daily run once between them.
/// </summary>
[Trait("Category", "MySql")]
public sealed class ClusteredScheduleTests : IAsyncLifetime
{
    private const string UnreachablePodFactory = "Server=127.0.0.1;Port=1;User ID=none;Password=none;Database=none;Connection Timeout=1";

    private MySqlTestDatabase _database = null!;
    private FakeConnecteamServer _connecteam = null!;

    public async Task InitializeAsync()
    {
        _database = await MySqlTestDatabase.CreateAsync();
        _connecteam = await FakeConnecteamServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _connecteam.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Restart_KeepsAnUnchangedTrigger_ReschedulesAChangedOne_AndDropsAnUnconfiguredSource()
    {
        var podFactorySync = new TriggerKey("PodFactorySyncJob");
        var shiftSync = new TriggerKey("ShiftSyncJob");
        ITrigger first;
        await using (var node = await StartNodeAsync(podFactorySeconds: 600))
        {
            first = (await TriggerAsync(node, podFactorySync)).ShouldNotBeNull();
        }

        await using (var node = await StartNodeAsync(podFactorySeconds: 600))
        {
            var again = (await TriggerAsync(node, podFactorySync)).ShouldNotBeNull();
            again.StartTimeUtc.ShouldBe(first.StartTimeUtc, "an unchanged trigger must not be replaced by a starting node");
        }

        DateTimeOffset shiftStart;
        await using (var node = await StartNodeAsync(podFactorySeconds: 300))
        {
            var changed = (await TriggerAsync(node, podFactorySync)).ShouldBeAssignableTo<ISimpleTrigger>()!;
            changed.RepeatInterval.ShouldBe(TimeSpan.FromSeconds(300));
            shiftStart = (await TriggerAsync(node, shiftSync)).ShouldNotBeNull().StartTimeUtc;
        }

        await using (var node = await StartNodeAsync(podFactorySeconds: null))
        {
            var scheduler = await node.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            (await scheduler.GetJobDetail(new JobKey("PodFactorySyncJob"))).ShouldBeNull();
            (await scheduler.GetJobDetail(new JobKey("PodFactoryDaysJob"))).ShouldBeNull();
            (await TriggerAsync(node, shiftSync)).ShouldNotBeNull().StartTimeUtc.ShouldBe(shiftStart);
        }
    }

    [Fact]
    public async Task TwoNodesStartingTogether_CatchUpAMissedDailyRunOnce()
    {
        // The schema first (as a deployment's first node does), then two nodes start on a store whose daily triggers
        // have never fired and whose sync_runs are empty. Their schedulers begin firing only after both have decided
        // about the catch-up, as when they start at the same moment.
        await (await TestHost.StartAsync("MySql", sharedDatabase: _database)).DisposeAsync();

        var nodes = new[]
        {
            await StartNodeAsync(podFactorySeconds: 600, schedulerDelay: TimeSpan.FromSeconds(3)),
            await StartNodeAsync(podFactorySeconds: 600, schedulerDelay: TimeSpan.FromSeconds(2)),
        };
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (await CountRunsAsync(nodes[0], SyncJobs.PodFactoryDays) == 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
            // Long enough for a second node's duplicate catch-up to have started too.
            await Task.Delay(TimeSpan.FromSeconds(3));
            (await CountRunsAsync(nodes[0], SyncJobs.PodFactoryDays)).ShouldBe(1);
            (await CountRunsAsync(nodes[0], SyncJobs.Employees)).ShouldBe(1);
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    private Task<TestHost> StartNodeAsync(int? podFactorySeconds, TimeSpan? schedulerDelay = null) =>
        TestHost.StartAsync("MySql", new Dictionary<string, string?>
        {
            ["Jobs:Enabled"] = "true",
            ["Jobs:PodFactorySyncSeconds"] = podFactorySeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ConnectionStrings:PodFactory"] = podFactorySeconds is null ? null : UnreachablePodFactory,
            ["Connecteam:BaseUrl"] = _connecteam.BaseUrl,
            ["Connecteam:ApiKey"] = _connecteam.ApiKey,
        }, services =>
        {
            if (schedulerDelay is { } delay)
            {
                services.Configure<QuartzHostedServiceOptions>(o => o.StartDelay = delay);
            }
        }, sharedDatabase: _database);

    private static async Task<ITrigger?> TriggerAsync(TestHost node, TriggerKey key)
    {
        var scheduler = await node.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        return await scheduler.GetTrigger(key);
    }

    private static async Task<int> CountRunsAsync(TestHost node, string job)
    {
        await using var db = await node.Services.GetRequiredService<IDbContextFactory<ProductivityDbContext>>().CreateDbContextAsync();
        return await db.SyncRuns.CountAsync(r => r.Job == job);
    }
}
