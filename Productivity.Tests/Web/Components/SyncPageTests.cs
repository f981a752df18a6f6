using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Productivity.Core.Security;
using Productivity.Core.Sync;
using Productivity.Core.Time;
using Productivity.Infrastructure.Exceptions;
using Productivity.Infrastructure.Scoring;
using Productivity.Infrastructure.Security;
using Productivity.Infrastructure.Sync;
using Productivity.Infrastructure.Webhooks;
using Productivity.Tests.TestSupport;
using Productivity.Web.Components.Pages.Admin.Sync;

namespace Productivity.Tests.Web.Components;

public sealed class SyncPageTests : ComponentTestBase
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly ISyncAdministration _sync = Substitute.For<ISyncAdministration>();
    private readonly IWebhookAdministration _webhooks = Substitute.For<IWebhookAdministration>();

    public SyncPageTests()
    {
        Services.AddSingleton(_sync);
        Services.AddSingleton(Substitute.For<IRangeRecompute>());
        Services.AddSingleton(Substitute.For<IExceptionQueries>());
        Services.AddSingleton(_webhooks);
        Services.AddSingleton(new SiteClock(TimeZoneInfo.FindSystemTimeZoneById("America/Chicago")));
        AddAuthorization().SetAuthorized("admin@example.test").SetRoles(Roles.Admin);
    }

    [Fact]
    public void Render_Jobs_ShowLastRunAndNextFiringInSiteTime()
    {
        GivenJobs(schedulesOn: true);

        var cut = RenderWithProviders<SyncPage>();

        cut.WaitForAssertion(() => Text(cut.Find("[data-testid=last-run-ShiftSyncJob]")).ShouldBe("2025-12-10 08:00:00 (manual)"), Timeout);
        Text(cut.Find("[data-testid=next-ShiftSyncJob]")).ShouldBe("2025-12-10 08:05:00");
        var row = cut.Find("[data-testid=last-run-ShiftSyncJob]").ParentElement!;
        Text(row).ShouldContain("12.5 s");
        Text(row).ShouldContain("read 40 · added 3 · updated 1 · removed 0 · rejected 2 · 5 employee-days");
        Text(row).ShouldContain("Succeeded with rejections");
        Text(cut.Find("[data-testid=last-run-EmployeeSyncJob]")).ShouldBe("never");
        cut.FindAll("[data-testid=schedules-off]").ShouldBeEmpty();
        var jobs = Text(cut.Find("[data-testid=jobs]"));
        jobs.ShouldContain("Connecteam shifts (today and yesterday) ShiftSyncJob · every 5 min");
        jobs.ShouldContain("Connecteam employees EmployeeSyncJob · cron 0 0 2 * * ? (America/Chicago)");
        jobs.ShouldContain("PodFactory (incremental) PodFactorySyncJob · every 10 s");
    }

    [Fact]
    public void Render_PollingJob_ShowsLastPolledBesideItsLastRun()
    {
        GivenJobs(schedulesOn: true);

        var cut = RenderWithProviders<SyncPage>();

        // The polls since 07:50 found nothing, so they are not runs; the page says the job is still polling.
        cut.WaitForAssertion(() => Text(cut.Find("[data-testid=last-polled-PodFactorySyncJob]")).ShouldBe("last polled 2025-12-10 08:04:50"), Timeout);
        Text(cut.Find("[data-testid=last-run-PodFactorySyncJob]")).ShouldStartWith("2025-12-10 07:50:00 (schedule)");
        cut.FindAll("[data-testid=last-polled-ShiftSyncJob]").ShouldBeEmpty();
    }

    [Fact]
    public void Render_NoSchedulerOnThisNode_SaysSchedulesAreOff()
    {
        GivenJobs(schedulesOn: false);

        var cut = RenderWithProviders<SyncPage>();

        cut.WaitForElement("[data-testid=schedules-off]", Timeout);
        Text(cut.Find("[data-testid=next-EmployeeSyncJob]")).ShouldBe("schedules off on this node");
    }

    [Fact]
    public void RunNow_CallsTheServiceForThatJobAndShowsItsAnswer()
    {
        GivenJobs(schedulesOn: true);
        _sync.RunNowAsync(Arg.Any<ClaimsPrincipal>(), "EmployeeSyncJob", Arg.Any<CancellationToken>())
            .Returns(new RunNowResult("EmployeeSyncJob", Started: true, Run: null, Failed: false, Rescored: null));
        var cut = RenderWithProviders<SyncPage>();

        cut.WaitForElement("[data-testid=run-EmployeeSyncJob]", Timeout).Click();

        cut.WaitForAssertion(() => cut.Find("#mud-snackbar-container").TextContent
            .ShouldContain("Connecteam employees: started; the run appears in the history when it ends."), Timeout);
        _sync.Received(1).RunNowAsync(Arg.Is<ClaimsPrincipal>(p => p.Identity!.Name == "admin@example.test"), "EmployeeSyncJob", Arg.Any<CancellationToken>());
        _sync.DidNotReceive().RunNowAsync(Arg.Any<ClaimsPrincipal>(), "ShiftSyncJob", Arg.Any<CancellationToken>());
    }

    [Fact]
    public void RunNow_RanHere_SaysWhatTheRunDid()
    {
        GivenJobs(schedulesOn: false);
        var run = new SyncRun { Id = 13, Job = "connecteam-employees", Trigger = "manual", Status = SyncRunStatus.Succeeded, ItemsRead = 7, Added = 2, Updated = 1 };
        _sync.RunNowAsync(Arg.Any<ClaimsPrincipal>(), "EmployeeSyncJob", Arg.Any<CancellationToken>())
            .Returns(new RunNowResult("EmployeeSyncJob", Started: false, run, Failed: false, Rescored: null));
        var cut = RenderWithProviders<SyncPage>();

        cut.WaitForElement("[data-testid=run-EmployeeSyncJob]", Timeout).Click();

        cut.WaitForAssertion(() => cut.Find("#mud-snackbar-container").TextContent
            .ShouldContain("Connecteam employees: Succeeded: read 7, added 2, updated 1, rejected 0."), Timeout);
    }

    [Fact]
    public void RunNow_Refused_ShowsTheRefusalAndRefreshesTheJobs()
    {
        GivenJobs(schedulesOn: true);
        _sync.RunNowAsync(Arg.Any<ClaimsPrincipal>(), "ShiftSyncJob", Arg.Any<CancellationToken>())
            .Returns(Task.FromException<RunNowResult>(new AdminActionRefusedException(AdminRefusal.UnknownJob, "ShiftSyncJob")));
        var cut = RenderWithProviders<SyncPage>();

        cut.WaitForElement("[data-testid=run-ShiftSyncJob]", Timeout).Click();

        cut.WaitForAssertion(() => cut.Find("#mud-snackbar-container").TextContent.ShouldContain("There is no job 'ShiftSyncJob'."), Timeout);
        cut.WaitForAssertion(() => _sync.Received(2).JobsAsync(Arg.Any<ClaimsPrincipal>(), Arg.Any<CancellationToken>()), Timeout);
        Text(cut.Find("[data-testid=run-ShiftSyncJob]")).ShouldBe("Run now");
    }

    private void GivenJobs(bool schedulesOn)
    {
        var run = new SyncRun
        {
            Id = 9,
            Job = "connecteam-shifts",
            Trigger = "manual",
            StartedUtc = new DateTime(2025, 12, 10, 14, 0, 0, DateTimeKind.Utc),
            FinishedUtc = new DateTime(2025, 12, 10, 14, 0, 12, 500, DateTimeKind.Utc),
            Status = SyncRunStatus.SucceededWithRejections,
            ItemsRead = 40,
            Added = 3,
            Updated = 1,
            Rejected = 2,
            ChangedDays = 5,
        };
        DateTime? next = schedulesOn ? new DateTime(2025, 12, 10, 14, 5, 0, DateTimeKind.Utc) : null;
        _sync.JobsAsync(Arg.Any<ClaimsPrincipal>(), Arg.Any<CancellationToken>()).Returns(new SyncOverview(schedulesOn,
        [
            new JobStatus("ShiftSyncJob", "connecteam-shifts", schedulesOn ? new JobTiming(TimeSpan.FromMinutes(5), null, null) : null, run, null, next, null),
            new JobStatus("EmployeeSyncJob", "connecteam-employees", schedulesOn ? new JobTiming(null, "0 0 2 * * ?", "America/Chicago") : null,
                null, null, null, null),
            new JobStatus("PodFactorySyncJob", "podfactory", schedulesOn ? new JobTiming(TimeSpan.FromSeconds(10), null, null) : null,
                new SyncRun
                {
                    Id = 12, Job = "podfactory", Trigger = "schedule", Status = SyncRunStatus.Succeeded, ItemsRead = 1, Added = 1,
                    StartedUtc = new DateTime(2025, 12, 10, 13, 50, 0, DateTimeKind.Utc),
                    FinishedUtc = new DateTime(2025, 12, 10, 13, 50, 0, 80, DateTimeKind.Utc),
                },
                null, next, new DateTime(2025, 12, 10, 14, 4, 50, DateTimeKind.Utc)),
        ]));
    }

    private static string Text(IElement element) => string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
