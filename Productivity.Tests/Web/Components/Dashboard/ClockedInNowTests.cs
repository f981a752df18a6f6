using System.Text.RegularExpressions;
using Bunit;
using Productivity.Core.Dashboard;
using Productivity.Tests.TestSupport;
using Productivity.Web.Components.Pages.Dashboard;

namespace Productivity.Tests.Web.Components.Dashboard;

public sealed partial class ClockedInNowTests : ComponentTestBase
{
    private static readonly DateTime Utc = new(2025, 12, 10, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Render_People_ListsEachWithClockInTimeAndRole()
    {
        var cut = Render<ClockedInNow>(p => p.Add(x => x.People, new List<ClockedInEmployee>
        {
            new(1, "Ana Lopez", Utc, new DateTime(2025, 12, 10, 6, 2, 0), "Picker"),
            new(2, "Ben Ng", Utc, new DateTime(2025, 12, 10, 13, 45, 0), null),
        }));

        Text(cut.Find("h6").TextContent).ShouldBe("Clocked in now (2)");
        cut.FindAll("[data-testid=clocked-in-person]").Select(li => Text(li.TextContent))
            .ShouldBe(["Ana Lopez since 06:02 · Picker", "Ben Ng since 13:45"]);
    }

    [Fact]
    public void Render_AWholeShift_ListsTheFirstFewUntilShowAll()
    {
        var people = Enumerable.Range(1, 40)
            .Select(i => new ClockedInEmployee(i, $"Person {i:00}", Utc, new DateTime(2025, 12, 10, 6, 0, 0), null)).ToList();
        var cut = Render<ClockedInNow>(p => p.Add(x => x.People, people));

        Text(cut.Find("h6").TextContent).ShouldBe("Clocked in now (40)");
        cut.FindAll("[data-testid=clocked-in-person]").Count.ShouldBe(ClockedInNow.Shown);

        cut.Find("[data-testid=clocked-in-toggle]").Click();
        cut.FindAll("[data-testid=clocked-in-person]").Count.ShouldBe(40);
        cut.Find("[data-testid=clocked-in-toggle]").TextContent.ShouldBe("Show fewer");

        cut.Find("[data-testid=clocked-in-toggle]").Click();
        cut.FindAll("[data-testid=clocked-in-person]").Count.ShouldBe(ClockedInNow.Shown);
    }

    [Fact]
    public void Render_Nobody_SaysSo()
    {
        var cut = Render<ClockedInNow>(p => p.Add(x => x.People, new List<ClockedInEmployee>()));

        cut.FindAll("[data-testid=clocked-in-person]").ShouldBeEmpty();
        cut.Markup.ShouldContain("Nobody is clocked in.");
    }

    private static string Text(string content) => Whitespace().Replace(content, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
