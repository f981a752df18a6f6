using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Employees;
using Productivity.Core.Sync;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Sync;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Infrastructure.Sync;

/// <summary>The pipeline's own steps: a sync's outcome, even a failed sync's partial one, is what gets recorded.</summary>
public sealed class SyncPipelineTests
{
    private static readonly DateOnly Day = new(2025, 12, 10);

    [Fact]
    public async Task Run_SyncFailsPartWay_RecordsTheFailureWithWhatItDidBefore()
    {
        await using var host = await TestHost.StartAsync("Sqlite");
        var pipeline = host.Services.GetRequiredService<SyncPipeline>();
        var ana = new Employee { Name = "Ana Lopez" };
        await using (var setup = host.CreateScope())
        {
            var db = setup.ServiceProvider.GetRequiredService<ProductivityDbContext>();
            db.Employees.Add(ana);
            await db.SaveChangesAsync();
        }

        var result = await pipeline.RunAsync(SyncJobs.PodFactoryDays, SyncTriggers.Manual, ct => SyncOutcome.CollectAsync(outcome =>
        {
            outcome.ItemsRead = 5000;
            outcome.Added = 5000;
            outcome.ChangedDays.Add(new EmployeeDay(ana.Id, Day));
            throw new TimeoutException("PodFactory stopped answering");
        }, ct));

        result.Succeeded.ShouldBeFalse();
        result.Failure.ShouldBeOfType<TimeoutException>().Message.ShouldBe("PodFactory stopped answering");
        result.Outcome.ChangedDays.ShouldBe([new EmployeeDay(ana.Id, Day)]);
        await using var scope = host.CreateScope();
        var run = await scope.ServiceProvider.GetRequiredService<ProductivityDbContext>().SyncRuns.AsNoTracking().SingleAsync();
        run.Status.ShouldBe(SyncRunStatus.Failed);
        run.Error.ShouldBe("PodFactory stopped answering");
        (run.Added, run.ChangedDays).ShouldBe((5000, 1));
    }

    [Fact]
    public async Task Run_Cancelled_IsRethrownNotTurnedIntoAFailedResult()
    {
        await using var host = await TestHost.StartAsync("Sqlite");
        var pipeline = host.Services.GetRequiredService<SyncPipeline>();
        using var cancellation = new CancellationTokenSource();

        await Should.ThrowAsync<OperationCanceledException>(() => pipeline.RunAsync(SyncJobs.PodFactoryDays, SyncTriggers.Manual,
            ct => SyncOutcome.CollectAsync(async _ =>
            {
                await cancellation.CancelAsync();
                ct.ThrowIfCancellationRequested();
            }, ct), cancellation.Token));
    }
}
