using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Productivity.Core.Dashboard;
using Productivity.Tests.TestSupport;
using Productivity.Web.Components.Pages.Dashboard;

namespace Productivity.Tests.Web.Components.Dashboard;

/// <summary>
/// The score table against a loader that answers like the read model (search, sort, page over a fixed list) and
/// records what it was asked; the read model's own queries are tested in DashboardQueriesTests.
/// </summary>
public sealed class ScoreTableTests : ComponentTestBase
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly DateOnly Day = new(2025, 12, 10);
    private static readonly DashboardRange OneDay = new(Day, Day);

    private readonly List<ScoreTableQuery> _asked = [];
    private readonly List<ScoreRow> _rows =
    [
        .. Enumerable.Range(1, 60).Select(i =>
            new ScoreRow(i, $"Person {i:00}", i % 2 == 0 ? "Picking" : "Packing", i * 10, i * 3.5, 480, 400 - i, 0.5, 1.0, i % 7 == 0,
                1, i * 10, Day, Day, i * 10)),
    ];

    [Fact]
    public void Render_FirstPage_HighestPointsFirst_25Rows()
    {
        var cut = RenderTable(OneDay);

        cut.WaitForAssertion(() => Names(cut).Length.ShouldBe(25), Timeout);
        _asked.ShouldBe([new ScoreTableQuery(null, ScoreSort.Points, true, 0, 25)]);
        Names(cut)[..3].ShouldBe(["Person 60", "Person 59", "Person 58"]);
        Cell(cut, "Person 60", "Points").ShouldBe("210.00");
        Cell(cut, "Person 60", "Items").ShouldBe("600");
        Cell(cut, "Person 60", "Clocked").ShouldBe("8:00");
        Cell(cut, "Person 60", "Active").ShouldBe("5:40");
        cut.Find("[data-testid=score-page-info]").TextContent.ShouldBe("1-25 of 60");
        cut.Find("th[aria-sort=descending]").TextContent.Trim().ShouldBe("Points");
        cut.FindAll("th").Select(th => th.TextContent.Trim())
            .ShouldBe(["Employee", "Role", "Items", "Points", "Clocked", "Active", "Utilization", "Performance"]);
    }

    [Fact]
    public void ClickHeader_SortsByThatColumn_NamesAToZFirst_ClickAgainFlips()
    {
        var cut = RenderTable(OneDay);
        cut.WaitForAssertion(() => Names(cut).Length.ShouldBe(25), Timeout);

        cut.Find("[data-testid=sort-name]").Click();
        cut.WaitForAssertion(() => Names(cut)[0].ShouldBe("Person 01"), Timeout);
        _asked[^1].ShouldBe(new ScoreTableQuery(null, ScoreSort.Name, false, 0, 25));
        cut.Find("th[aria-sort=ascending]").TextContent.Trim().ShouldBe("Employee");

        cut.Find("[data-testid=sort-name]").Click();
        cut.WaitForAssertion(() => Names(cut)[0].ShouldBe("Person 60"), Timeout);
        _asked[^1].ShouldBe(new ScoreTableQuery(null, ScoreSort.Name, true, 0, 25));

        cut.Find("[data-testid=sort-active]").Click();
        cut.WaitForAssertion(() => Names(cut)[0].ShouldBe("Person 01"), Timeout);
        _asked[^1].ShouldBe(new ScoreTableQuery(null, ScoreSort.Active, true, 0, 25), "numbers start highest first");
    }

    [Fact]
    public void Pager_NextLastPrevious_AndDisabledAtTheEnds()
    {
        var cut = RenderTable(OneDay);
        cut.WaitForAssertion(() => Names(cut).Length.ShouldBe(25), Timeout);
        Button(cut, "Previous page").HasAttribute("disabled").ShouldBeTrue();

        Button(cut, "Next page").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=score-page-info]").TextContent.ShouldBe("26-50 of 60"), Timeout);
        Names(cut)[0].ShouldBe("Person 35");

        Button(cut, "Last page").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=score-page-info]").TextContent.ShouldBe("51-60 of 60"), Timeout);
        Names(cut).Length.ShouldBe(10);
        Button(cut, "Next page").HasAttribute("disabled").ShouldBeTrue();
        _asked[^1].Page.ShouldBe(2);

        Button(cut, "Previous page").Click();
        cut.WaitForAssertion(() => _asked[^1].Page.ShouldBe(1), Timeout);
    }

    [Fact]
    public void PageSize_Changed_ShowsThatManyFromTheFirstPage()
    {
        var cut = RenderTable(OneDay);
        cut.WaitForAssertion(() => Names(cut).Length.ShouldBe(25), Timeout);
        Button(cut, "Next page").Click();
        cut.WaitForAssertion(() => _asked[^1].Page.ShouldBe(1), Timeout);

        cut.Find("[data-testid=score-page-size]").Change("10");

        cut.WaitForAssertion(() => Names(cut).Length.ShouldBe(10), Timeout);
        _asked[^1].ShouldBe(new ScoreTableQuery(null, ScoreSort.Points, true, 0, 10));
        cut.Find("[data-testid=score-page-info]").TextContent.ShouldBe("1-10 of 60");
    }

    [Fact]
    public async Task Search_TypingThenPausing_AsksOnceForTheTrimmedTextFromTheFirstPage()
    {
        var cut = RenderTable(OneDay);
        cut.WaitForAssertion(() => Names(cut).Length.ShouldBe(25), Timeout);
        Button(cut, "Next page").Click();
        cut.WaitForAssertion(() => _asked[^1].Page.ShouldBe(1), Timeout);
        var before = _asked.Count;

        var search = cut.Find("[data-testid=score-search]");
        var typing = search.InputAsync(new ChangeEventArgs { Value = "Person" });
        await search.InputAsync(new ChangeEventArgs { Value = " Person 1 " });
        await typing;

        cut.WaitForAssertion(() => Names(cut).ShouldBe(["Person 19", "Person 18", "Person 17", "Person 16", "Person 15",
            "Person 14", "Person 13", "Person 12", "Person 11", "Person 10"]), Timeout);
        _asked.Skip(before).ShouldBe([new ScoreTableQuery("Person 1", ScoreSort.Points, true, 0, 25)]);

        // The same search again (here with a trailing space) does not ask again.
        await cut.Find("[data-testid=score-search]").InputAsync(new ChangeEventArgs { Value = "Person 1 " });
        _asked.Count.ShouldBe(before + 1);

        await cut.Find("[data-testid=score-search]").InputAsync(new ChangeEventArgs { Value = "nobody" });
        cut.WaitForAssertion(() => cut.Find("tbody").TextContent.Trim().ShouldBe("No scores in this range."), Timeout);
    }

    [Fact]
    public void Render_Range_AddsDaysAverageAndBestDay_AndAChangedRangeStartsAtTheFirstPage()
    {
        var cut = RenderTable(OneDay);
        cut.WaitForAssertion(() => Names(cut).Length.ShouldBe(25), Timeout);
        Button(cut, "Next page").Click();
        cut.WaitForAssertion(() => _asked[^1].Page.ShouldBe(1), Timeout);

        var week = new DashboardRange(Day.AddDays(-2), Day);
        cut.Render(p => p.Add(x => x.Range, week));

        cut.WaitForAssertion(() => _asked[^1].ShouldBe(new ScoreTableQuery(null, ScoreSort.Points, true, 0, 25)), Timeout);
        cut.FindAll("th").Select(th => th.TextContent.Trim()).ShouldBe(
            ["Employee", "Role", "Items", "Points", "Clocked", "Active", "Utilization", "Performance", "Days", "Items/day", "Best day"]);
        cut.WaitForAssertion(() => Cell(cut, "Person 60", "Best day").ShouldBe("Wed 10 Dec (600)"), Timeout);
        // In a range the name links to the employee's last day with a score.
        Row(cut, "Person 60").QuerySelector("a")!.GetAttribute("href").ShouldBe("/employees/60/days/2025-12-10");
    }

    [Fact]
    public async Task Refresh_SamePage_DoesNotRender_ChangedRows_Render()
    {
        var cut = RenderTable(OneDay);
        cut.WaitForAssertion(() => Names(cut).Length.ShouldBe(25), Timeout);
        var renders = cut.RenderCount;

        await cut.InvokeAsync(() => cut.Instance.RefreshAsync());
        cut.RenderCount.ShouldBe(renders);

        _rows[59] = _rows[59] with { Items = 999 };
        await cut.InvokeAsync(() => cut.Instance.RefreshAsync());
        cut.WaitForAssertion(() => Cell(cut, "Person 60", "Items").ShouldBe("999"), Timeout);
    }

    [Fact]
    public void Load_Fails_SaysSoInTheTable()
    {
        var cut = Render<ScoreTable>(p => p
            .Add(x => x.Range, OneDay)
            .Add(x => x.LoadPage, (_, _) => Task.FromException<ScoreTablePage>(new InvalidOperationException("database down"))));

        cut.WaitForAssertion(() => cut.Find("[data-testid=score-error]").TextContent.ShouldContain("could not be loaded"), Timeout);
    }

    [Fact]
    public void Render_Name_IsTextNotMarkup_AndTheDotMarksWhoIsClockedIn()
    {
        _rows[59] = _rows[59] with { Name = "<b>Eve</b>" };

        var cut = RenderTable(OneDay);

        cut.WaitForAssertion(() => Names(cut)[0].ShouldBe("<b>Eve</b>"), Timeout);
        Row(cut, "<b>Eve</b>").QuerySelector("b").ShouldBeNull();
        cut.FindAll("tbody tr").Where(tr => tr.QuerySelector("[data-testid=clocked-in-dot]") is not null)
            .Select(tr => tr.QuerySelector("a")!.TextContent).ShouldBe(["Person 56", "Person 49", "Person 42"]);
    }

    private IRenderedComponent<ScoreTable> RenderTable(DashboardRange range) =>
        Render<ScoreTable>(p => p.Add(x => x.Range, range).Add(x => x.LoadPage, LoadAsync));

    private async Task<ScoreTablePage> LoadAsync(ScoreTableQuery query, CancellationToken cancellationToken)
    {
        await Task.Yield();
        _asked.Add(query);
        var matching = _rows.Where(r => query.Search is null || r.Name.Contains(query.Search, StringComparison.OrdinalIgnoreCase));
        Func<ScoreRow, object?> key = query.SortBy switch
        {
            ScoreSort.Name => r => r.Name,
            ScoreSort.Active => r => r.ActiveMinutes,
            _ => r => r.Points,
        };
        var sorted = (query.Descending ? matching.OrderByDescending(key) : matching.OrderBy(key)).ToList();
        return new ScoreTablePage([.. sorted.Skip(query.Page * query.PageSize).Take(query.PageSize)], sorted.Count);
    }

    private static string[] Names(IRenderedComponent<ScoreTable> cut) =>
        [.. cut.FindAll("tbody td[data-label='Employee']").Select(td => td.TextContent.Trim())];

    private static IElement Row(IRenderedComponent<ScoreTable> cut, string name) =>
        cut.FindAll("tbody tr").Single(tr => tr.QuerySelector("td[data-label='Employee']")?.TextContent.Trim() == name);

    private static string Cell(IRenderedComponent<ScoreTable> cut, string name, string column) =>
        Row(cut, name).QuerySelector($"td[data-label='{column}']")!.TextContent.Trim();

    private static IElement Button(IRenderedComponent<ScoreTable> cut, string label) => cut.Find($"button[aria-label='{label}']");
}
