using Productivity.Web.Components.Shared;
using AngleSharp.Dom;
using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NSubstitute;
using Productivity.Core.Dashboard;
using Productivity.Core.Realtime;
using Productivity.Core.Scoring;
using Productivity.Core.Security;
using Productivity.Tests.Core.Scoring;
using Productivity.Tests.Infrastructure.Dashboard;
using Productivity.Tests.TestSupport;
using Productivity.Web.Components.Pages.Dashboard;

namespace Productivity.Tests.Web.Components.Dashboard;

public sealed class DashboardPageTests : ComponentTestBase
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly DateOnly Day = DashboardTestContext.SpecDay;
    private static readonly DashboardRange Shown = new(Day, Day);

    [Fact]
    public async Task Render_SpecExamples_TableShowsTheSpecsNumbers()
    {
        await using var context = await DashboardTestContext.StartWithSpecExamplesAsync("Sqlite");
        UseRealServices(context);

        var cut = RenderDay(Day);

        cut.WaitForAssertion(() => Cells(cut, "Employee").Length.ShouldBe(5), Timeout);
        foreach (var file in DashboardTestContext.SpecFiles)
        {
            var expected = SpecExample.Load(file).Expected.Single();
            var name = expected.GetProperty("employee").GetString()!;
            var performance = expected.GetProperty("performance").GetDouble();
            Cell(cut, name, "Items").ShouldBe(DashboardFormat.Count(expected.GetProperty("items").GetInt32()));
            Cell(cut, name, "Points").ShouldBe(DashboardFormat.Points(expected.GetProperty("points").GetDouble()));
            Cell(cut, name, "Clocked").ShouldBe(DashboardFormat.Duration(expected.GetProperty("clocked_minutes").GetDouble()));
            Cell(cut, name, "Active").ShouldBe(DashboardFormat.Duration(expected.GetProperty("active_minutes").GetDouble()));
            Cell(cut, name, "Utilization").ShouldBe(Percent.Of(expected.GetProperty("utilization").GetDouble()));
            Cell(cut, name, "Performance").ShouldBe(Percent.Of(performance));
            Cell(cut, name, "Role").ShouldBe(expected.GetProperty("primary_role").GetString());
        }
        Cell(cut, "ben", "Items").ShouldBe("230");
        Cell(cut, "ben", "Points").ShouldBe("69.00");
        Cell(cut, "ben", "Active").ShouldBe("2:20");
        Cell(cut, "ben", "Utilization").ShouldBe("27.4%");
        Cell(cut, "eve", "Items").ShouldBe("2,200");
        cut.Find("[data-testid=kpi-items-value]").TextContent.ShouldBe("3,660");
    }

    [Fact]
    public async Task Render_EmployeeName_LinksToThatEmployeesDay()
    {
        await using var context = await DashboardTestContext.StartWithSpecExamplesAsync("Sqlite");
        UseRealServices(context);

        var cut = RenderDay(Day);

        cut.WaitForAssertion(() => Row(cut, "ana").QuerySelector("a")!.GetAttribute("href")
            .ShouldBe($"/employees/{context.EmployeeId("ana")}/days/2025-12-10"), Timeout);
    }

    [Fact]
    public async Task ScoresUpdated_RecomputeOfAShownDay_RerendersWithTheNewNumbers()
    {
        await using var context = await DashboardTestContext.StartWithSpecExamplesAsync("Sqlite");
        UseRealServices(context);
        var cut = RenderDay(Day);
        cut.WaitForAssertion(() => Cell(cut, "ben", "Items").ShouldBe("230"), Timeout);
        var ben = context.EmployeeId("ben");

        await context.AddInputsAsync(ben, [], [ScoringTestData.Window(99, "Picking", 70, ScoringTestData.At(13, 0))]);
        await context.Scoring.RecalculateAsync([new Productivity.Core.Sync.EmployeeDay(ben, Day)]);

        cut.WaitForAssertion(() => Cell(cut, "ben", "Items").ShouldBe("300"), Timeout);
        cut.WaitForAssertion(() => cut.Find("[data-testid=kpi-items-value]").TextContent.ShouldBe("3,730"), Timeout);
    }

    [Fact]
    public async Task ScoresUpdated_RecomputeOfAShownDay_RecordsThePushLatencyOnceThePageShowsTheNewNumbers()
    {
        await using var context = await DashboardTestContext.StartWithSpecExamplesAsync("Sqlite");
        UseRealServices(context);
        var cut = RenderDay(Day);
        cut.WaitForAssertion(() => Cell(cut, "ben", "Items").ShouldBe("230"), Timeout);
        var ben = context.EmployeeId("ben");
        await context.AddInputsAsync(ben, [], [ScoringTestData.Window(99, "Picking", 70, ScoringTestData.At(13, 0))]);
        using var recorder = new TelemetryRecorder();
        var rendersWhenRecorded = -1;
        recorder.OnMeasurement = m =>
        {
            if (m.Instrument == "productivity.push.latency")
            {
                Volatile.Write(ref rendersWhenRecorded, cut.RenderCount);
            }
        };
        var started = DateTimeOffset.UtcNow;

        await context.Scoring.RecalculateAsync([new Productivity.Core.Sync.EmployeeDay(ben, Day)]);

        // Polled, not WaitForAssertion: the measurement comes after the render, and WaitForAssertion checks on renders.
        for (var i = 0; i < 200 && recorder.Of("productivity.push.latency").Count == 0; i++)
        {
            await Task.Delay(50);
        }
        recorder.Of("productivity.push.latency").ShouldHaveSingleItem();
        // What the page shows now is what it showed when the latency was recorded: no render since.
        cut.Find("[data-testid=kpi-items-value]").TextContent.ShouldBe("3,730");
        cut.RenderCount.ShouldBe(Volatile.Read(ref rendersWhenRecorded));
        // The update is stamped by the recompute's clock (here the fake one, fixed at commit time) and the render time
        // read from the page's (the system clock): the latency is the time between the two.
        var committed = context.Time.GetUtcNow();
        recorder.Of("productivity.push.latency")[0].Value.ShouldBeInRange((started - committed).TotalSeconds, (DateTimeOffset.UtcNow - committed).TotalSeconds);
    }

    [Fact]
    public async Task ScoresUpdated_ForAnotherDay_DoesNotReload()
    {
        var (queries, feed) = UseSubstitutes();
        var cut = RenderDay(Day);
        cut.WaitForAssertion(() => Cells(cut, "Employee").ShouldBe(["Ana"]), Timeout);
        cut.WaitForAssertion(() => feed.Subscribers.ShouldBe(1), Timeout);
        queries.ClearReceivedCalls();

        await feed.PublishAsync(Day.AddDays(5), Day.AddDays(-3));
        await Task.Delay(DashboardPage.MinimumReloadInterval * 2);

        await queries.DidNotReceive().GetSummaryAsync(Arg.Any<DashboardRange>(), Arg.Any<CancellationToken>());
        await queries.DidNotReceive().GetScoresAsync(Arg.Any<DashboardRange>(), Arg.Any<ScoreTableQuery>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ScoresUpdated_BurstForAShownDay_ReloadsAtMostTwiceASecond()
    {
        var (queries, feed) = UseSubstitutes();
        var cut = RenderDay(Day);
        cut.WaitForAssertion(() => feed.Subscribers.ShouldBe(1), Timeout);
        queries.ClearReceivedCalls();

        for (var i = 0; i < 40; i++)
        {
            await feed.PublishAsync(Day);
            await Task.Delay(25);
        }
        await Task.Delay(DashboardPage.MinimumReloadInterval * 2);

        var reloads = queries.ReceivedCalls().Count(c => c.GetMethodInfo().Name == nameof(IDashboardQueries.GetSummaryAsync));
        reloads.ShouldBeInRange(1, 4, "40 updates over 1 s, then quiet: one reload per 500 ms at most");
        await queries.Received().GetScoresAsync(Shown, Arg.Any<ScoreTableQuery>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ScoresUpdated_ShownRowsUnchanged_LeavesTheGridAlone_ChangedRowsReloadIt()
    {
        var (queries, feed) = UseSubstitutes();
        var cut = RenderDay(Day);
        cut.WaitForAssertion(() => Cell(cut, "Ana", "Items").ShouldBe("322"), Timeout);
        await Task.Delay(DashboardPage.MinimumReloadInterval);
        var grid = cut.FindComponent<ScoreTable>();
        var gridRenders = grid.RenderCount;
        queries.ClearReceivedCalls();

        await feed.PublishAsync(Day);

        // The page reloads and reads the shown page to compare, but the grid is not rendered again.
        cut.WaitForAssertion(() => Calls(queries, nameof(IDashboardQueries.GetScoresAsync)).ShouldBe(1), Timeout);
        await Task.Delay(200);
        grid.RenderCount.ShouldBe(gridRenders);

        queries.GetScoresAsync(Arg.Any<DashboardRange>(), Arg.Any<ScoreTableQuery>(), Arg.Any<CancellationToken>())
            .Returns(new ScoreTablePage([new ScoreRow(1, "Ana", "Heat Pressing", 400, 600, 480, 480, 1, 1.25, true, 1, 400, Day, Day, 400)], 1));
        await Task.Delay(DashboardPage.MinimumReloadInterval);
        await feed.PublishAsync(Day);

        cut.WaitForAssertion(() => Cell(cut, "Ana", "Items").ShouldBe("400"), Timeout);
    }

    private static int Calls(IDashboardQueries queries, string method) =>
        queries.ReceivedCalls().Count(c => c.GetMethodInfo().Name == method);

    [Fact]
    public async Task ScoresUpdated_ReloadStillRunning_ThePublisherDoesNotWaitForIt()
    {
        var (queries, feed) = UseSubstitutes();
        var cut = RenderDay(Day);
        cut.WaitForAssertion(() => feed.Subscribers.ShouldBe(1), Timeout);
        using var reloading = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        // Blocks whoever runs the reload, as synchronous work in the read model does (SQLite completes its async calls synchronously).
        queries.GetSummaryAsync(Arg.Any<DashboardRange>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            reloading.Set();
            release.Wait(Timeout);
            return Summary(call.Arg<DashboardRange>());
        });
        await Task.Delay(DashboardPage.MinimumReloadInterval);

        var publish = Task.Run(() => feed.PublishAsync(Day));
        var first = await Task.WhenAny(publish, Task.Delay(TimeSpan.FromSeconds(3)));
        var reloaded = reloading.Wait(Timeout);
        release.Set();

        first.ShouldBe(publish, "the publisher (the recompute) waited for the page's reload");
        reloaded.ShouldBeTrue("the page did not reload");
    }

    [Fact]
    public async Task ScoresUpdated_BeforeTheRangeIsKnown_OnlyTheAskedRangeIsLoaded()
    {
        // The circuit listens from its first moment; an update that arrives while the page still waits for the sign-in
        // state must not load "today" over the custom range in the URL.
        var (queries, feed) = UseSubstitutes(authorized: false);
        var signIn = AddAuthorization();
        signIn.SetAuthorizing();
        var shown = new DashboardRange(Day.AddDays(-3), Day.AddDays(-3));
        var cut = RenderDay(shown.From);
        cut.WaitForAssertion(() => feed.Subscribers.ShouldBe(1), Timeout);

        await feed.PublishAsync(Day, shown.From);
        await Task.Delay(100);
        signIn.SetAuthorized("manager@example.test").SetRoles(Roles.Manager);

        cut.WaitForAssertion(() => Cells(cut, "Employee").ShouldBe(["Ana"]), Timeout);
        await Task.Delay(DashboardPage.MinimumReloadInterval * 2);
        queries.ReceivedCalls().Where(c => c.GetMethodInfo().Name == nameof(IDashboardQueries.GetSummaryAsync))
            .Select(c => (DashboardRange)c.GetArguments()[0]!).ShouldAllBe(range => range == shown);
    }

    [Fact]
    public async Task Dispose_Page_Unsubscribes()
    {
        var (_, feed) = UseSubstitutes();
        var cut = RenderDay(Day);
        cut.WaitForAssertion(() => feed.Subscribers.ShouldBe(1), Timeout);

        await DisposeComponentsAsync();

        feed.Subscribers.ShouldBe(0);
    }

    [Theory]
    [InlineData(Roles.Manager, true)]
    [InlineData(Roles.Admin, true)]
    [InlineData(Roles.Lead, false)]
    public void Render_ExportButton_OnlyForManagersAndAdmins(string role, bool shown)
    {
        UseSubstitutes(role);

        var cut = RenderDay(Day);

        cut.WaitForAssertion(() => Cells(cut, "Employee").ShouldBe(["Ana"]), Timeout);
        var buttons = cut.FindAll("[data-testid=export-csv]");
        var excel = cut.FindAll("[data-testid=export-xlsx]");
        buttons.Count.ShouldBe(shown ? 1 : 0);
        excel.Count.ShouldBe(shown ? 1 : 0);
        if (shown)
        {
            buttons[0].GetAttribute("href").ShouldBe("/exports/scores.csv?from=2025-12-10&to=2025-12-10");
            // The attribute also keeps Blazor's router from intercepting the link.
            buttons[0].GetAttribute("download").ShouldBe("scores-2025-12-10-2025-12-10.csv");
            buttons[0].TextContent.Trim().ShouldBe("Export CSV");
            excel[0].GetAttribute("href").ShouldBe("/exports/scores.xlsx?from=2025-12-10&to=2025-12-10");
            excel[0].GetAttribute("download").ShouldBe("scores-2025-12-10-2025-12-10.xlsx");
            excel[0].TextContent.Trim().ShouldBe("Export Excel");
        }
    }

    [Fact]
    public void Render_WeekInTheUrl_AsksForMondayToToday()
    {
        var (queries, _) = UseSubstitutes();

        RenderAt("/?range=week");

        queries.Received().GetSummaryAsync(new DashboardRange(new DateOnly(2025, 12, 8), Day), Arg.Any<CancellationToken>());
    }

    private void UseRealServices(DashboardTestContext context)
    {
        Services.AddSingleton<IDashboardQueries>(context.Queries);
        Services.AddSingleton(context.Host.Services.GetRequiredService<IScoreUpdateFeed>());
        Services.AddSingleton(TimeProvider.System);
        AddAuthorization().SetAuthorized("manager@example.test").SetRoles(Roles.Manager);
    }

    private (IDashboardQueries Queries, FakeScoreUpdateFeed Feed) UseSubstitutes(string role = Roles.Manager, bool authorized = true)
    {
        var queries = Substitute.For<IDashboardQueries>();
        queries.Today().Returns(Day);
        queries.GetSummaryAsync(Arg.Any<DashboardRange>(), Arg.Any<CancellationToken>())
            .Returns(call => Summary(call.Arg<DashboardRange>()));
        queries.GetScoresAsync(Arg.Any<DashboardRange>(), Arg.Any<ScoreTableQuery>(), Arg.Any<CancellationToken>())
            .Returns(new ScoreTablePage([new ScoreRow(1, "Ana", "Heat Pressing", 322, 483, 480, 480, 1, 1.0063, true, 1, 322, Day, Day, 322)], 1));
        var feed = new FakeScoreUpdateFeed();
        Services.AddSingleton(queries);
        Services.AddSingleton<IScoreUpdateFeed>(feed);
        Services.AddSingleton(TimeProvider.System);
        if (authorized)
        {
            AddAuthorization().SetAuthorized($"{role.ToLowerInvariant()}@example.test").SetRoles(role);
        }
        return (queries, feed);
    }

    private static DashboardSummary Summary(DashboardRange range) => new(
        range, true, new DashboardKpis(1, 1, 322, 0, 3000, 1, 483, 8, 8), [], [], [], [], null, DateTime.UtcNow);

    private IRenderedComponent<ContainerFragment> RenderDay(DateOnly day) =>
        RenderAt($"/?range=custom&from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}");

    private IRenderedComponent<ContainerFragment> RenderAt(string uri)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(uri);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return RenderWithProviders<DashboardPage>();
    }

    private static string[] Cells(IRenderedComponent<ContainerFragment> cut, string column) =>
        [.. cut.FindAll($"tbody td[data-label='{column}']").Select(td => td.TextContent.Trim())];

    private static IElement Row(IRenderedComponent<ContainerFragment> cut, string name) =>
        cut.FindAll("tbody tr").Single(tr => tr.QuerySelector("td[data-label='Employee']")?.TextContent.Trim() == name);

    private static string Cell(IRenderedComponent<ContainerFragment> cut, string name, string column) =>
        Row(cut, name).QuerySelector($"td[data-label='{column}']")!.TextContent.Trim();
}
