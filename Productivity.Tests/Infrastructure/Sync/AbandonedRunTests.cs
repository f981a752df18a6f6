using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Sync;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Sync;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Infrastructure.Sync;

/// <summary>
/// A run whose process is killed never records how it ended; the next run on the machine finds its "running" record
/// and closes it as Failed with that as its error, so every failed run is in the history with its error.
/// </summary>
public sealed class AbandonedRunTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task NextRun_ClosesTheRunsOfEndedProcesses_AndLeavesLiveAndForeignOnes(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var ended = await EndedProcessAsync();
        var self = Process.GetCurrentProcess();
        var started = DateTime.UtcNow.AddMinutes(-5);
        var runs = new[]
        {
            Running("killed", Owner(Environment.MachineName, ended.Id, ended.StartedUtc), started),
            // The same id now belonging to a process started later: the id was recycled, the run's process is gone.
            Running("recycled", Owner(Environment.MachineName, self.Id, self.StartTime.ToUniversalTime().AddMinutes(-10)), started),
            Running("alive", Owner(Environment.MachineName, self.Id, self.StartTime.ToUniversalTime()), started),
            Running("other-machine", Owner("another-node", ended.Id, ended.StartedUtc), started),
        };
        await using (var scope = host.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
            db.SyncRuns.AddRange(runs);
            await db.SaveChangesAsync();
        }

        var result = await host.Services.GetRequiredService<SyncPipeline>().RunAsync(SyncJobs.PodFactoryDays, SyncTriggers.Manual,
            ct => SyncOutcome.CollectAsync(_ => Task.CompletedTask, ct));

        result.Succeeded.ShouldBeTrue();
        await using var check = host.CreateScope();
        var stored = await check.ServiceProvider.GetRequiredService<ProductivityDbContext>().SyncRuns.AsNoTracking()
            .Where(r => r.Id != result.Run.Id).ToDictionaryAsync(r => r.Job);
        foreach (var job in new[] { "killed", "recycled" })
        {
            stored[job].Status.ShouldBe(SyncRunStatus.Failed, job);
            stored[job].FinishedUtc.ShouldNotBeNull();
            stored[job].Error.ShouldNotBeNull().ShouldContain("ended before the run did");
        }
        stored["alive"].Status.ShouldBe(SyncRunStatus.Running);
        stored["other-machine"].Status.ShouldBe(SyncRunStatus.Running);
        stored["alive"].Error.ShouldBeNull();
    }

    private static SyncRun Running(string job, string details, DateTime started) =>
        new() { Job = job, Trigger = SyncTriggers.CommandLine, StartedUtc = started, Status = SyncRunStatus.Running, Details = details };

    private static string Owner(string host, int pid, DateTime processStartedUtc) =>
        JsonSerializer.Serialize(new { owner = new { Host = host, Pid = pid, ProcessStartedUtc = processStartedUtc } });

    /// <summary>A real process that has run and ended: its id is free (or, rarely, recycled, which counts as ended too).</summary>
    private static async Task<(int Id, DateTime StartedUtc)> EndedProcessAsync()
    {
        using var process = Process.Start(new ProcessStartInfo("/bin/true") { UseShellExecute = false })!;
        var started = process.StartTime.ToUniversalTime();
        await process.WaitForExitAsync();
        return (process.Id, started);
    }
}
