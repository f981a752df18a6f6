using System.Reflection;
using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Productivity.Core.Alerts;
using Productivity.Core.Realtime;
using Productivity.Core.Security;
using Productivity.Core.Time;
using Productivity.Infrastructure.Alerts;
using Productivity.Infrastructure.Realtime;
using Productivity.Tests.TestSupport;
using Productivity.Web.Components.Layout;
using Productivity.Web.Components.Pages.Admin.Mappings;
using Productivity.Web.Components.Pages.Admin.Sync;
using Productivity.Web.Components.Pages.Employees;
using Productivity.Web.Realtime;

namespace Productivity.Tests.Web.Components;

/// <summary>
/// The bell against a real <see cref="AlertNotifier"/> (in-process fan-out) and a substituted service: what it shows is
/// what the service answered, and every change makes it ask again.
/// </summary>
public sealed class AlertBellTests : ComponentTestBase
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly DateTime Opened = new(2025, 12, 10, 15, 0, 0, DateTimeKind.Utc);

    private readonly IAlertInbox _inbox = Substitute.For<IAlertInbox>();
    private readonly AlertNotifier _feed = new(NullLogger<AlertNotifier>.Instance);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(Opened));

    public AlertBellTests()
    {
        Services.AddSingleton(_inbox);
        Services.AddSingleton<IAlertFeed>(_feed);
        Services.AddSingleton(new SiteClock(TimeZoneInfo.FindSystemTimeZoneById("America/Chicago")));
        Services.AddSingleton<TimeProvider>(_time);
        AddAuthorization().SetAuthorized("lead@example.test").SetRoles(Roles.Lead);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void Render_TwoOpenOneAcknowledged_BadgeCountsTheUnacknowledgedAndTheListShowsBoth()
    {
        GivenOpen(Idle(1, "Ann", acknowledgedBy: null), Idle(2, "Bob", acknowledgedBy: "Carol"));

        var cut = RenderWithProviders<AlertBell>();

        var bell = cut.WaitForElement("[data-testid=alert-bell]", Timeout);
        cut.WaitForAssertion(() => cut.Find("[data-testid=alert-bell]").GetAttribute("data-count").ShouldBe("1"), Timeout);
        bell.GetAttribute("data-open-count").ShouldBe("2");
        cut.FindAll("[data-testid=alert-item]").ShouldBeEmpty("the list opens on a click");

        bell.Click();

        var items = cut.WaitForElements("[data-testid=alert-item]", Timeout);
        items.Select(i => i.GetAttribute("data-alert-id")).ShouldBe(["1", "2"]);
        items[0].TextContent.ShouldContain("Idle now · Ann");
        items[0].TextContent.ShouldContain("since 08:15");
        items[0].TextContent.ShouldContain("no window for 45 min (limit 30 min)");
        items[0].QuerySelector("[data-testid=alert-link]")!.GetAttribute("href").ShouldBe("/employees/11/days/2025-12-10");
        items[0].QuerySelectorAll("[data-testid=alert-acknowledge]").Length.ShouldBe(1);
        items[1].QuerySelector("[data-testid=alert-acknowledged]")!.TextContent.ShouldContain("Acknowledged by Carol");
        items[1].QuerySelectorAll("[data-testid=alert-acknowledge]").ShouldBeEmpty();
    }

    [Fact]
    public void Render_FeedAndMappingAlerts_LinkToTheSyncAndMappingsPages()
    {
        GivenOpen(Item(3, AlertKind.SyncFailing, AlertTarget.Sync, reference: "ShiftSyncJob"),
            Item(4, AlertKind.UnmappedEmail, AlertTarget.Mappings, reference: "stranger@example.test"));

        var cut = RenderWithProviders<AlertBell>();
        cut.WaitForElement("[data-testid=alert-bell]", Timeout).Click();

        var items = cut.WaitForElements("[data-testid=alert-item]", Timeout);
        items[0].TextContent.ShouldContain("Connecteam shifts (today and yesterday)");
        items[0].QuerySelector("[data-testid=alert-link]")!.GetAttribute("href").ShouldBe("/admin/sync");
        items[1].TextContent.ShouldContain("stranger@example.test");
        items[1].QuerySelector("[data-testid=alert-link]")!.GetAttribute("href").ShouldBe("/admin/mappings");
    }

    [Fact]
    public async Task AlertsChanged_AnotherAlertOpens_BellAsksAgainAndShowsIt()
    {
        GivenOpen(Idle(1, "Ann", acknowledgedBy: null));
        var cut = RenderWithProviders<AlertBell>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=alert-bell]").GetAttribute("data-count").ShouldBe("1"), Timeout);

        GivenOpen(Idle(5, "Dan", acknowledgedBy: null), Idle(1, "Ann", acknowledgedBy: null));
        await _feed.PublishAsync(new AlertsChanged([5], [], [], DateTimeOffset.UtcNow));

        cut.WaitForAssertion(() => cut.Find("[data-testid=alert-bell]").GetAttribute("data-count").ShouldBe("2"), Timeout);
        cut.Find("[data-testid=alert-bell]").Click();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=alert-item]").Select(i => i.GetAttribute("data-alert-id")).ShouldBe(["5", "1"]), Timeout);

        // Past the bell's throttle interval: a change within it would wait for the interval (on the fake clock) first.
        _time.Advance(LiveScores.MinInterval);
        GivenOpen();
        await _feed.PublishAsync(new AlertsChanged([], [5, 1], [], DateTimeOffset.UtcNow));

        cut.WaitForAssertion(() => cut.Find("[data-testid=alert-bell]").GetAttribute("data-count").ShouldBe("0"), Timeout);
        cut.WaitForElement("[data-testid=alert-none]", Timeout);
    }

    [Fact]
    public async Task Dispose_LeavingTheLayout_StopsListening()
    {
        GivenOpen(Idle(1, "Ann", acknowledgedBy: null));
        var cut = RenderWithProviders<AlertBell>();
        cut.WaitForAssertion(() => _inbox.ReceivedCalls().Count().ShouldBe(1), Timeout);
        await _feed.PublishAsync(new AlertsChanged([2], [], [], DateTimeOffset.UtcNow));
        cut.WaitForAssertion(() => _inbox.ReceivedCalls().Count().ShouldBe(2), Timeout);

        await DisposeComponentsAsync();
        _inbox.ClearReceivedCalls();
        // Past the throttle interval, so a bell still listening would reload at once.
        _time.Advance(LiveScores.MinInterval);
        await _feed.PublishAsync(new AlertsChanged([3], [], [], DateTimeOffset.UtcNow));
        await Task.Delay(TimeSpan.FromSeconds(1));

        _inbox.ReceivedCalls().ShouldBeEmpty();
    }

    [Fact]
    public void Acknowledge_ClickInTheList_AsksTheServiceForThatAlertAndReloads()
    {
        GivenOpen(Idle(1, "Ann", acknowledgedBy: null));
        _inbox.AcknowledgeAsync(Arg.Any<ClaimsPrincipal>(), 1, Arg.Any<CancellationToken>())
            .Returns(_ =>
            {
                GivenOpen(Idle(1, "Ann", acknowledgedBy: "lead@example.test"));
                return new AcknowledgeResult(AcknowledgeOutcome.Acknowledged, null);
            });
        var cut = RenderWithProviders<AlertBell>();
        cut.WaitForElement("[data-testid=alert-bell]", Timeout).Click();

        cut.WaitForElement("[data-testid=alert-acknowledge]", Timeout).Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=alert-bell]").GetAttribute("data-count").ShouldBe("0"), Timeout);
        cut.Find("[data-testid=alert-acknowledged]").TextContent.ShouldContain("Acknowledged by lead@example.test");
        _inbox.Received(1).AcknowledgeAsync(Arg.Is<ClaimsPrincipal>(p => p.Identity!.Name == "lead@example.test"), 1, Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData(AlertTarget.EmployeeDay, typeof(EmployeeDayPage))]
    [InlineData(AlertTarget.Sync, typeof(SyncPage))]
    [InlineData(AlertTarget.Mappings, typeof(MappingsPage))]
    public void AlertAudience_WhoMayOpenEachTarget_IsWhatThePageItselfAuthorizes(AlertTarget target, Type page)
    {
        var roles = page.GetCustomAttribute<AuthorizeAttribute>()!.Roles!.Split(',');

        AlertAudience.MayOpen(target).ShouldBe(roles, ignoreOrder: true);
    }

    private void GivenOpen(params AlertItem[] items) =>
        _inbox.OpenAsync(Arg.Any<ClaimsPrincipal>(), AlertBell.Listed, Arg.Any<CancellationToken>())
            .Returns(new OpenAlerts(items, items.Length, items.Count(i => !i.IsAcknowledged)));

    private static AlertItem Idle(long id, string name, string? acknowledgedBy) =>
        new(id, AlertKind.IdleNow, AlertTarget.EmployeeDay, 10 + (int)id, name, new DateOnly(2025, 12, 10), null, 45, 30, null,
            Opened.AddMinutes(-45), Opened, null, acknowledgedBy, acknowledgedBy is null ? null : Opened.AddMinutes(5));

    private static AlertItem Item(long id, AlertKind kind, AlertTarget target, string reference) =>
        new(id, kind, target, null, null, new DateOnly(2025, 12, 10), reference, 3, 3, 3, Opened, Opened, null, null, null);
}
