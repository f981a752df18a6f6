using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Productivity.Core.Realtime;
using Productivity.Core.Time;
using Productivity.Infrastructure.Floor;
using Productivity.Tests.TestSupport;
using Productivity.Web.Components.Pages.Floor;

namespace Productivity.Tests.Web.Components.Floor;

public sealed class FloorPageTests : ComponentTestBase
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly SiteClock Chicago = new(TimeZoneInfo.FindSystemTimeZoneById("America/Chicago"));
    private static readonly DateOnly Dec10 = new(2025, 12, 10);

    private readonly IFloorQueries _queries = Substitute.For<IFloorQueries>();
    private readonly ManualScoreFeed _feed = new();
    // 14:00 in Chicago on 10 December.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 12, 10, 20, 0, 0, TimeSpan.Zero));

    public FloorPageTests()
    {
        Services.AddSingleton(_queries);
        Services.AddSingleton<IScoreUpdateFeed>(_feed);
        Services.AddSingleton(Chicago);
        Services.AddSingleton<TimeProvider>(_time);
        Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        GivenBoard(Dec10, Row(1, "Ben Ng", 50, 75.25, 0.56, clockedIn: false, ("In Production", 50)),
            Row(2, "Ana Lopez", 102, 40.5, 1.7, clockedIn: true, ("Picking", 90), ("QC Passed", 12)));
    }

    [Fact]
    public void Render_Board_ShowsRowsInRankOrderWithTheirNumbers()
    {
        var cut = Render<FloorPage>();

        cut.WaitForAssertion(() => Texts(cut, "floor-name").ShouldBe(["Ben Ng", "Ana Lopez"]), Timeout);
        Texts(cut, "floor-rank").ShouldBe(["1", "2"]);
        Texts(cut, "floor-items").ShouldBe(["50", "102"]);
        Texts(cut, "floor-points").ShouldBe(["75.3", "40.5"]);
        Texts(cut, "floor-rate").ShouldBe(["0.56", "1.70"]);
        Texts(cut, "floor-stations").ShouldBe(["In Production 50", "Picking 90QC Passed 12"]);
        cut.FindAll("[data-testid=floor-clocked-in]").Select(e => e.GetAttribute("data-clocked-in")).ShouldBe(["false", "true"]);
    }

    [Fact]
    public void Render_Board_ShowsGoalProgressAndDepartmentRace()
    {
        var cut = Render<FloorPage>();

        cut.WaitForAssertion(() => Texts(cut, "floor-goal-items").ShouldBe(["1,500"]), Timeout);
        Texts(cut, "floor-goal-percent").ShouldBe(["50%"]);
        cut.FindAll("[data-testid=floor-department]").Select(e => e.GetAttribute("data-department")).ShouldBe(["Picking", "Packing"]);
        Texts(cut, "floor-department-items").ShouldBe(["900", "300"]);
    }

    [Fact]
    public void Render_AskedForToday_LoadsTheSiteLocalBusinessDay()
    {
        _time.SetUtcNow(new DateTimeOffset(2025, 12, 11, 3, 0, 0, TimeSpan.Zero));

        Render<FloorPage>();

        _queries.Received(1).LoadAsync(Dec10, Arg.Any<DateTime>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Notification_ForToday_RerendersWithNewNumbers()
    {
        var cut = Render<FloorPage>();
        cut.WaitForAssertion(() => Texts(cut, "floor-items").ShouldBe(["50", "102"]), Timeout);
        GivenBoard(Dec10, Row(1, "Ana Lopez", 140, 90, 2, clockedIn: true), Row(2, "Ben Ng", 50, 75.25, 0.56, clockedIn: false));

        await cut.InvokeAsync(() => _feed.PublishAsync(Dec10));

        cut.WaitForAssertion(() => Texts(cut, "floor-name").ShouldBe(["Ana Lopez", "Ben Ng"]), Timeout);
        Texts(cut, "floor-items").ShouldBe(["140", "50"]);
    }

    [Fact]
    public async Task Notification_ForAnotherDay_DoesNotReload()
    {
        var cut = Render<FloorPage>();
        cut.WaitForAssertion(() => Texts(cut, "floor-name").ShouldNotBeEmpty(), Timeout);

        await cut.InvokeAsync(() => _feed.PublishAsync(Dec10.AddDays(-1)));

        await _queries.Received(1).LoadAsync(Arg.Any<DateOnly>(), Arg.Any<DateTime>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Notifications_InABurst_ReloadAtMostTwiceInHalfASecond()
    {
        var cut = Render<FloorPage>();
        cut.WaitForAssertion(() => Texts(cut, "floor-name").ShouldNotBeEmpty(), Timeout);

        for (var i = 0; i < 20; i++)
        {
            await cut.InvokeAsync(() => _feed.PublishAsync(Dec10));
        }
        cut.WaitForAssertion(() => _queries.ReceivedCalls().Count().ShouldBe(2), Timeout);
        _time.Advance(FloorPage.MinRefreshInterval);

        cut.WaitForAssertion(() => _queries.ReceivedCalls().Count().ShouldBe(3), Timeout);
        _time.Advance(FloorPage.MinRefreshInterval);
        _queries.ReceivedCalls().Count().ShouldBe(3);
    }

    [Fact]
    public async Task Notification_ReloadStillRunning_ThePublisherDoesNotWaitForIt()
    {
        var cut = Render<FloorPage>();
        cut.WaitForAssertion(() => Texts(cut, "floor-name").ShouldNotBeEmpty(), Timeout);
        using var reloading = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        // Blocks whoever runs the reload, as synchronous work in a query does (SQLite completes its async calls synchronously).
        _queries.LoadAsync(Dec10, Arg.Any<DateTime>(), Arg.Any<CancellationToken>()).Returns(_ =>
        {
            reloading.Set();
            release.Wait(Timeout);
            return new FloorBoard(Dec10, [], 0, 3000, []);
        });

        var publish = Task.Run(() => _feed.PublishAsync(Dec10));
        var first = await Task.WhenAny(publish, Task.Delay(TimeSpan.FromSeconds(3)));
        var reloaded = reloading.Wait(Timeout);
        release.Set();

        first.ShouldBe(publish, "the publisher (the recompute) waited for the TV's reload");
        reloaded.ShouldBeTrue("the page did not reload");
    }

    [Fact]
    public void Midnight_SiteLocalDayChanges_LoadsTheNewDay()
    {
        // 23:59:50 in Chicago.
        _time.SetUtcNow(new DateTimeOffset(2025, 12, 11, 5, 59, 50, TimeSpan.Zero));
        GivenBoard(Dec10.AddDays(1));
        var cut = Render<FloorPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=floor-day]").TextContent.ShouldBe("Wednesday 10 December 2025"), Timeout);

        _time.Advance(FloorPage.DayCheckInterval);

        cut.WaitForAssertion(() => cut.Find("[data-testid=floor-day]").TextContent.ShouldBe("Thursday 11 December 2025"), Timeout);
        _queries.Received(1).LoadAsync(Dec10.AddDays(1), Arg.Any<DateTime>(), Arg.Any<CancellationToken>());
        cut.Find("[data-testid=floor-empty]").TextContent.ShouldBe("No scores yet today.");
    }

    [Fact]
    public void Dispose_Page_Unsubscribes()
    {
        var cut = Render<FloorPage>();
        _feed.SubscriberCount.ShouldBe(1);

        cut.Instance.Dispose();

        _feed.SubscriberCount.ShouldBe(0);
    }

    private void GivenBoard(DateOnly day, params FloorRow[] rows) =>
        _queries.LoadAsync(day, Arg.Any<DateTime>(), Arg.Any<CancellationToken>())
            .Returns(new FloorBoard(day, rows, rows.Length == 0 ? 0 : 1500, 3000,
                rows.Length == 0 ? [] : [new DepartmentTotal("Picking", 900, 1), new DepartmentTotal("Packing", 300, 1)]));

    private static FloorRow Row(int rank, string name, int items, double points, double? rate, bool clockedIn,
        params (string Station, int Items)[] stations) =>
        new(rank, rank * 10, name, items, points, rate, stations.Select(s => new StationCount(s.Station, s.Items)).ToList(), clockedIn);

    private static List<string> Texts(IRenderedComponent<FloorPage> cut, string testId) =>
        cut.FindAll($"[data-testid={testId}]").Select(e => e.TextContent.Trim()).ToList();
}
