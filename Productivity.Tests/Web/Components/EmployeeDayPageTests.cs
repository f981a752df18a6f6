using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Productivity.Core.EmployeeDays;
using Productivity.Core.Realtime;
using Productivity.Core.Scoring;
using Productivity.Core.Security;
using Productivity.Core.Time;
using Productivity.Infrastructure.EmployeeDays;
using Productivity.Infrastructure.Realtime;
using Productivity.Tests.Core.Scoring;
using Productivity.Tests.TestSupport;
using Productivity.Web.Components.Pages.Employees;

namespace Productivity.Tests.Web.Components;

public sealed class EmployeeDayPageTests : ComponentTestBase
{
    private const int EmployeeId = 7;
    private static readonly DateOnly Dec10 = new(2025, 12, 10);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly SiteClock Chicago = new(ScoringTestData.Chicago);

    private readonly IEmployeeDayQueries _queries = Substitute.For<IEmployeeDayQueries>();
    private readonly ScoreUpdateNotifier _feed = new(NullLogger<ScoreUpdateNotifier>.Instance);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 12, 11, 14, 0, 0, TimeSpan.Zero));

    public EmployeeDayPageTests()
    {
        Services.AddSingleton(_queries);
        Services.AddSingleton<IScoreUpdateFeed>(_feed);
        Services.AddSingleton(Chicago);
        Services.AddSingleton<TimeProvider>(_time);
        AddAuthorization().SetAuthorized("lead@example.test").SetRoles(Roles.Lead);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        GivenReport(Report("B-batch-gaps.json"));
    }

    [Fact]
    public void Render_ExampleB_TimelineShowsTheSessionTheFiveWindowsAndFiveIdlePeriods()
    {
        var cut = RenderPage();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=timeline-idle]").Select(e => e.GetAttribute("data-excess"))
            .ShouldBe(["5", "10.55", "91.1", "254.8", "8.7"]), Timeout);
        cut.FindAll("[data-testid=timeline-session]").Count.ShouldBe(1);
        cut.FindAll("[data-testid=timeline-window]").Select(e => e.GetAttribute("data-action"))
            .ShouldBe(["Picking", "Picking", "Picking", "Labeling", "Labeling"]);
        cut.FindAll("[data-testid=timeline-unclocked]").ShouldBeEmpty();
    }

    [Fact]
    public void Render_ExampleB_ExplanationGivesEachGapItsLengthAllowanceAndExcess()
    {
        var cut = RenderPage();

        cut.WaitForAssertion(() => Column(cut, "gap-excess").ShouldBe(["5", "10.55", "91.1", "254.8", "8.7"]), Timeout);
        Column(cut, "gap-allowance").ShouldBe(["15", "9.45", "18.9", "25.2", "21.3"]);
        Column(cut, "gap-length").ShouldBe(["20", "20", "110", "280", "30"]);
        Column(cut, "gap-span").ShouldBe(["06:00–06:20", "06:40–07:00", "07:10–09:00", "09:10–13:50", "14:00–14:30"]);
        var rules = Column(cut, "gap-rule");
        rules[0].ShouldContain("start allowance 15 min");
        rules[1].ShouldContain("Picking 06:30–06:40 (30 items)");
        rules[1].ShouldContain("max(3, 30 × 60 / 200 × 1.05)");
        rules[3].ShouldContain("Labeling 09:00–09:10 (80 items)");
        rules[4].ShouldContain("max(5, 20 × 60 / 200 × 1.05) min + cleanup 15 min");
        cut.Find("[data-testid=gaps-title]").TextContent.ShouldContain("27.4%");
        cut.Find("[data-testid=gaps-summary]").TextContent.ShouldContain("idle 370.15 min");
    }

    [Fact]
    public void Render_ExampleB_ScoreCardAndActionTableShowTheSpecsNumbers()
    {
        var cut = RenderPage();

        cut.WaitForAssertion(() => cut.Find("[data-testid=score-utilization]").GetAttribute("data-value").ShouldBe("0.2742"), Timeout);
        cut.Find("[data-testid=score-utilization]").TextContent.ShouldContain("27.4%");
        cut.Find("[data-testid=score-active]").GetAttribute("data-value").ShouldBe("139.85");
        cut.Find("[data-testid=score-performance]").GetAttribute("data-value").ShouldBe("0.4934");
        cut.Find("[data-testid=score-primary-role]").TextContent.ShouldContain("Picker");
        cut.FindAll("[data-testid=action-row]").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ShouldBe(
            [["Picking", "Picker", "3", "130", "39", "39.00"], ["Labeling", "Labeler", "2", "100", "30", "30.00"]]);
    }

    [Fact]
    public void Render_ExampleC_ProductionOutsideASessionIsHighlighted()
    {
        GivenReport(Report("C-two-sessions-and-unclocked.json"));

        var cut = RenderPage();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=timeline-unclocked]").Count.ShouldBe(4), Timeout);
        cut.FindAll("[data-testid=timeline-session]").Count.ShouldBe(2);
        cut.Find("[data-testid=alert-unclocked]").TextContent.ShouldContain("4 windows, 36 items");
    }

    [Fact]
    public void Render_UnknownEmployee_ShowsNotFound()
    {
        GivenReport(null);

        var cut = RenderPage();

        cut.WaitForElement("[data-testid=day-not-found]", Timeout);
    }

    [Theory]
    [InlineData("2025-13-40")]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    public void Render_DayThatIsNotADateTheSiteSupports_ShowsNotFoundWithoutQuerying(string day)
    {
        var cut = RenderPage(day);

        cut.WaitForElement("[data-testid=day-not-found]", Timeout);
        _queries.DidNotReceiveWithAnyArgs().GetAsync(default!, default, default, default);
    }

    [Fact]
    public async Task ScoresUpdated_ForThisEmployeeAndDay_ReloadsTheDay()
    {
        var cut = RenderPage();
        cut.WaitForElement("[data-testid=timeline]", Timeout);

        await _feed.PublishAsync(new ScoresUpdated([Dec10], [EmployeeId], _time.GetUtcNow()));

        cut.WaitForAssertion(() => Loads().ShouldBe(2), Timeout);
    }

    [Fact]
    public async Task ScoresUpdated_ForAnotherEmployeeOrDay_IsIgnored()
    {
        var cut = RenderPage();
        cut.WaitForElement("[data-testid=timeline]", Timeout);

        await _feed.PublishAsync(new ScoresUpdated([Dec10], [EmployeeId + 1], _time.GetUtcNow()));
        await _feed.PublishAsync(new ScoresUpdated([Dec10.AddDays(1)], [EmployeeId], _time.GetUtcNow()));
        _time.Advance(TimeSpan.FromSeconds(2));

        Loads().ShouldBe(1);
    }

    [Fact]
    public async Task ScoresUpdated_Burst_CoalescesIntoAtMostTwoReloadsPerSecond()
    {
        var cut = RenderPage();
        cut.WaitForElement("[data-testid=timeline]", Timeout);

        for (var i = 0; i < 10; i++)
        {
            await _feed.PublishAsync(new ScoresUpdated([Dec10], [EmployeeId], _time.GetUtcNow()));
        }
        cut.WaitForAssertion(() => Loads().ShouldBe(2), Timeout);
        _time.Advance(TimeSpan.FromMilliseconds(499));
        Loads().ShouldBe(2);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        cut.WaitForAssertion(() => Loads().ShouldBe(3), Timeout);
        _time.Advance(TimeSpan.FromSeconds(5));
        Loads().ShouldBe(3);
    }

    private IRenderedComponent<EmployeeDayPage> RenderPage(string day = "2025-12-10") =>
        Render<EmployeeDayPage>(p => p.Add(x => x.Id, EmployeeId).Add(x => x.Day, day));

    private void GivenReport(EmployeeDayReport? report) =>
        _queries.GetAsync(Arg.Any<ClaimsPrincipal>(), EmployeeId, Dec10, Arg.Any<CancellationToken>()).Returns(report);

    private int Loads() => _queries.ReceivedCalls().Count(c => c.GetMethodInfo().Name == nameof(IEmployeeDayQueries.GetAsync));

    private static EmployeeDayReport Report(string file)
    {
        var example = SpecExample.Load(file);
        return EmployeeDayReportBuilder.Build(EmployeeId, "Ben Picker", Dec10, example.Shifts, example.Windows, RoleTable.Default,
            ScoringParameters.Default, Chicago, example.NowUtc);
    }

    private static string[] Column(IRenderedComponent<EmployeeDayPage> cut, string testId) =>
        [.. cut.FindAll($"[data-testid=gap-row] [data-testid={testId}]").Select(td => td.TextContent.Trim())];
}
