using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Sync;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Infrastructure.Jobs;

/// <summary>The single-node (SQLite, in-memory Quartz store) catch-up of daily jobs at start-up.</summary>
public sealed class MissedRunCatchUpTests
{
    [Fact]
    public async Task FirstStart_RunsEachDailyJobOnce_AndTheFrequentOnesKeepTheirSchedule()
    {
        await using var host = await TestHost.StartAsync("Sqlite", new Dictionary<string, string?> { ["Jobs:Enabled"] = "true" });
        string[] daily = [SyncJobs.Employees, SyncJobs.Reconciliation, SyncJobs.PodFactoryDays];
        // The scheduler fires the three catch-ups one after another; under a loaded suite the last can start seconds later.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && (await Task.WhenAll(daily.Select(job => CountAsync(host, job)))).Contains(0))
        {
            await Task.Delay(200);
        }
        // Then long enough for a second, wrong catch-up run to show.
        await Task.Delay(TimeSpan.FromSeconds(2));
        (await CountAsync(host, SyncJobs.Employees)).ShouldBe(1);
        (await CountAsync(host, SyncJobs.Reconciliation)).ShouldBe(1);
        (await CountAsync(host, SyncJobs.PodFactoryDays)).ShouldBe(1);
    }

    private static async Task<int> CountAsync(TestHost host, string job)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<ProductivityDbContext>>().CreateDbContextAsync();
        return await db.SyncRuns.CountAsync(r => r.Job == job);
    }
}
