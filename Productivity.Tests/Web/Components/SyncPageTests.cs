using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Productivity.Core.Security;
using Productivity.Core.Sync;
using Productivity.Core.Time;
using Productivity.Infrastructure.Admin;
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
        Services.AddSingleton(Substitute.For<IRecomputeAdministration>());
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
            .Returns("Connecteam employees: started; the run appears in the history when it ends.");
        var cut = RenderWithProviders<SyncPage>();

        cut.WaitForElement("[data-testid=run-EmployeeSyncJob]", Timeout).Click();

        cut.WaitForAssertion(() => cut.Find("#mud-snackbar-container").TextContent.ShouldContain("Connecteam employees: started"), Timeout);
        _sync.Received(1).RunNowAsync(Arg.Is<ClaimsPrincipal>(p => p.Identity!.Name == "admin@example.test"), "EmployeeSyncJob", Arg.Any<CancellationToken>());
        _sync.DidNotReceive().RunNowAsync(Arg.Any<ClaimsPrincipal>(), "ShiftSyncJob", Arg.Any<CancellationToken>());
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
            new JobStatus("ShiftSyncJob", "Connecteam shifts", "connecteam-shifts", schedulesOn ? "every 5 min" : null, run, null, next, null),
            new JobStatus("EmployeeSyncJob", "Connecteam employees", "connecteam-employees", null, null, null, null, null),
            new JobStatus("PodFactorySyncJob", "PodFactory (incremental)", "podfactory", schedulesOn ? "every 10 s" : null,
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
