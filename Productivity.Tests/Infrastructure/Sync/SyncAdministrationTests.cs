using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Employees;
using Productivity.Core.Sync;
using Productivity.Infrastructure.Jobs;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Security;
using Productivity.Infrastructure.Sync;
using Productivity.Tests.TestSupport;
using static Productivity.Tests.TestSupport.AdminTestData;

namespace Productivity.Tests.Infrastructure.Sync;

/// <summary>Admin → Sync: last runs from sync_runs, next firings from Quartz, "Run now" with and without a scheduler, run details.</summary>
public sealed class SyncAdministrationTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task Jobs_SchedulesOff_ShowsEachJobsLastRunAndNoNextFiring(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var pipeline = host.Services.GetRequiredService<SyncPipeline>();
        await pipeline.RunAsync(SyncJobs.Shifts, SyncTriggers.Schedule, _ => Task.FromResult(new SyncOutcome()));
        var latest = await pipeline.RunAsync(SyncJobs.Shifts, SyncTriggers.Manual, _ => Task.FromResult(new SyncOutcome { ItemsRead = 12, Added = 3 }));
        var idlePoll = await pipeline.PollAsync(SyncJobs.PodFactory, SyncTriggers.Schedule, _ => Task.FromResult(new SyncOutcome { FoundNothing = true }));
        await using var scope = host.CreateScope();

        var overview = await scope.ServiceProvider.GetRequiredService<ISyncAdministration>().JobsAsync(await AdminAsync(scope.ServiceProvider));

        overview.SchedulesOn.ShouldBeFalse();
        overview.Jobs.Select(j => j.JobKey).ShouldBe([nameof(ShiftSyncJob), nameof(EmployeeSyncJob), nameof(ReconciliationJob),
            nameof(PodFactorySyncJob), nameof(PodFactoryDaysJob), nameof(OpenShiftScoringJob)]);
        var shifts = overview.Jobs[0];
        shifts.LastRun.ShouldNotBeNull().Id.ShouldBe(latest.Run.Id);
        shifts.LastRun.Trigger.ShouldBe(SyncTriggers.Manual);
        shifts.LastRun.Added.ShouldBe(3);
        shifts.NextFireUtc.ShouldBeNull();
        overview.Jobs.Skip(1).ShouldAllBe(j => j.LastRun == null && j.NextFireUtc == null);
        // The idle poll is no run, but the page can say when the job last polled.
        idlePoll.Recorded.ShouldBeFalse();
        overview.Jobs.Single(j => j.JobKey == nameof(PodFactorySyncJob)).LastPolledUtc.ShouldNotBeNull()
            .ShouldBe(idlePoll.Run.FinishedUtc!.Value, TimeSpan.FromMilliseconds(1)); // MariaDB keeps microseconds
        overview.Jobs.Where(j => j.JobKey != nameof(PodFactorySyncJob)).ShouldAllBe(j => j.LastPolledUtc == null);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task HistoryAndDetails_PageByJobAndReadRejectedRowsWarningsAndTheDayReport(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var pipeline = host.Services.GetRequiredService<SyncPipeline>();
        for (var i = 0; i < 3; i++)
        {
            await pipeline.RunAsync(SyncJobs.PodFactory, SyncTriggers.Schedule, _ => Task.FromResult(new SyncOutcome()));
        }
        var reconciliation = await pipeline.RunAsync(SyncJobs.Reconciliation, SyncTriggers.Manual, _ =>
        {
            var outcome = new SyncOutcome();
            outcome.Reject("connecteam", "shift 77", "clock-out before clock-in");
            outcome.Warnings.Add("user 5 is archived in Connecteam");
            outcome.Day(Day).Shifts = 31;
            outcome.Day(Day).Added = 2;
            outcome.Day(Day).Removed = 1;
            return Task.FromResult(outcome);
        });
        await using var scope = host.CreateScope();
        var sync = scope.ServiceProvider.GetRequiredService<ISyncAdministration>();
        var admin = await AdminAsync(scope.ServiceProvider);

        var all = await sync.HistoryAsync(admin, new SyncRunQuery(null, 0, 2));
        var podFactory = await sync.HistoryAsync(admin, new SyncRunQuery(SyncJobs.PodFactory, 1, 2));
        var details = await sync.RunDetailsAsync(admin, reconciliation.Run.Id);

        all.TotalCount.ShouldBe(4);
        all.Items[0].Id.ShouldBe(reconciliation.Run.Id);
        podFactory.TotalCount.ShouldBe(3);
        podFactory.Items.ShouldHaveSingleItem().Job.ShouldBe(SyncJobs.PodFactory);
        details.Run.Status.ShouldBe(SyncRunStatus.SucceededWithRejections);
        details.Rejected.ShouldBe([new Productivity.Core.Integrations.RejectedRow("connecteam", "shift 77", "clock-out before clock-in")]);
        details.Warnings.ShouldBe(["user 5 is archived in Connecteam"]);
        details.Days.ShouldBe([new SyncDayReport(Day, 31, 2, 0, 1)]);
        (await Should.ThrowAsync<AdminActionRefusedException>(() => sync.RunDetailsAsync(admin, 999_999))).Reason.ShouldBe(AdminRefusal.SyncRunNotFound);
    }

    [Fact]
    public async Task RunDetails_RemovedShifts_AreNamedAndCappedWhileTheCountStaysExact()
    {
        await using var host = await TestHost.StartAsync("Sqlite");
        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
        var ana = new Employee { Name = "Ana Lopez" };
        db.Employees.Add(ana);
        await db.SaveChangesAsync();
        var run = await host.Services.GetRequiredService<SyncPipeline>().RunAsync(SyncJobs.Reconciliation, SyncTriggers.Manual, _ =>
        {
            var outcome = new SyncOutcome();
            outcome.RemoveShift(new RemovedShift(12345, "s-ana", ana.Id, Day));
            foreach (var i in Enumerable.Range(0, SyncOutcome.MaxRemovedKept))
            {
                outcome.RemoveShift(new RemovedShift(777, $"s-{i}", 999_999, Day));
            }
            return Task.FromResult(outcome);
        });

        var details = await scope.ServiceProvider.GetRequiredService<ISyncAdministration>().RunDetailsAsync(await AdminAsync(scope.ServiceProvider), run.Run.Id);

        details.Run.Removed.ShouldBe(SyncOutcome.MaxRemovedKept + 1);
        details.Removed.Count.ShouldBe(SyncOutcome.MaxRemovedKept);
        details.Removed[0].ShouldBe(new SyncRemovedShift(Day, ana.Id, "Ana Lopez", 12345, "s-ana"));
        details.Removed[1].ShouldBe(new SyncRemovedShift(Day, 999_999, null, 777, "s-0"));
    }

    [Fact]
    public async Task RunNow_WithoutScheduler_RunsTheJobHereAsAManualRun()
    {
        await using var host = await TestHost.StartAsync("Sqlite");
        await using var scope = host.CreateScope();
        var sync = scope.ServiceProvider.GetRequiredService<ISyncAdministration>();
        var admin = await AdminAsync(scope.ServiceProvider);

        var result = await sync.RunNowAsync(admin, nameof(EmployeeSyncJob));

        result.Started.ShouldBeFalse();
        result.Failed.ShouldBeFalse();
        result.Run.ShouldNotBeNull().Status.ShouldBeOneOf(SyncRunStatus.Succeeded, SyncRunStatus.SucceededWithRejections);
        var run = (await sync.HistoryAsync(admin, new SyncRunQuery(null, 0, 10))).Items.ShouldHaveSingleItem();
        run.Id.ShouldBe(result.Run.Id);
        run.Job.ShouldBe(SyncJobs.Employees);
        run.Trigger.ShouldBe(SyncTriggers.Manual);
        run.Added.ShouldBeGreaterThan(0);
        var unknown = await Should.ThrowAsync<AdminActionRefusedException>(() => sync.RunNowAsync(admin, "DropTablesJob"));
        unknown.Reason.ShouldBe(AdminRefusal.UnknownJob);
        unknown.Details.ShouldBe(["DropTablesJob"]);
    }

    [Fact]
    public async Task RunNow_WithScheduler_FiresTheJobThereWithAManualTrigger()
    {
        await using var host = await TestHost.StartAsync("Sqlite", new Dictionary<string, string?> { ["Jobs:Enabled"] = "true" });
        await using var scope = host.CreateScope();
        var sync = scope.ServiceProvider.GetRequiredService<ISyncAdministration>();
        var admin = await AdminAsync(scope.ServiceProvider);

        var overview = await sync.JobsAsync(admin);
        var result = await sync.RunNowAsync(admin, nameof(ReconciliationJob));

        overview.SchedulesOn.ShouldBeTrue();
        var employees = overview.Jobs.Single(j => j.JobKey == nameof(EmployeeSyncJob));
        employees.Schedule.ShouldBe(new JobTiming(null, "0 0 2 * * ?", "America/Chicago"));
        employees.NextFireUtc.ShouldNotBeNull().ShouldBeGreaterThan(DateTime.UtcNow);
        overview.Jobs.Single(j => j.JobKey == nameof(PodFactorySyncJob)).Schedule.ShouldBe(new JobTiming(TimeSpan.FromSeconds(10), null, null));
        result.Started.ShouldBeTrue();
        result.Run.ShouldBeNull();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline
               && !await QueryAsync(host, db => db.SyncRuns.AnyAsync(r => r.Job == SyncJobs.Reconciliation
                   && r.Trigger == SyncTriggers.Manual && r.FinishedUtc != null)))
        {
            await Task.Delay(250);
        }
        (await QueryAsync(host, db => db.SyncRuns.CountAsync(r => r.Job == SyncJobs.Reconciliation && r.Trigger == SyncTriggers.Manual)))
            .ShouldBe(1);
    }
}
