using Bunit;
using Productivity.Core.Dashboard;
using Productivity.Tests.TestSupport;
using Productivity.Web.Components.Pages.Dashboard;

namespace Productivity.Tests.Web.Components.Dashboard;

public sealed class HourlyChartTests : ComponentTestBase
{
    [Fact]
    public void Render_Hours_OneBarEachScaledToTheBusiestHour_WithItsNumbersAndEncodedLabels()
    {
        var points = Enumerable.Range(0, 24)
            .Select(h => new HourlyPoint(DateTime.UnixEpoch.AddHours(h), h == 23 ? "23:00 <+0d>" : $"{h:00}:00", h == 9 ? 300 : h == 10 ? 150 : 0, h is 9 or 10 ? 3 : 0))
            .ToList();

        var cut = Render<HourlyChart>(p => p.Add(x => x.Points, points));

        var bars = cut.FindAll("rect.bar");
        bars.Select(b => b.GetAttribute("data-items")).ShouldBe(points.Select(p => p.Items.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        bars[9].GetAttribute("height").ShouldBe("190");
        bars[10].GetAttribute("height").ShouldBe("95");
        bars[0].GetAttribute("height").ShouldBe("0");
        bars[9].QuerySelector("title")!.TextContent.ShouldBe("09:00: 300 items, 3 active");
        bars[23].QuerySelector("title")!.TextContent.ShouldBe("23:00 <+0d>: 0 items, 0 active");
        cut.FindAll("svg text").Select(t => t.TextContent).ShouldBe(["00:00", "02:00", "04:00", "06:00", "08:00", "10:00", "12:00", "14:00", "16:00", "18:00", "20:00", "22:00"]);
        cut.Find("polyline.people").GetAttribute("points")!.Split(' ').Length.ShouldBe(24);
        cut.Find(".legend").TextContent.ShouldContain("Items (max 300)");
    }

    [Fact]
    public void Chart_AfterAnUpdateOfOneHour_OnlyThatBarsMarkupChanges_AndOneListIsWrittenOnce()
    {
        var before = Enumerable.Range(0, 24).Select(h => new HourlyPoint(DateTime.UnixEpoch.AddHours(h), $"{h:00}:00", h == 9 ? 300 : h, 2)).ToList();
        var after = before.Select(p => p.Label == "10:00" ? p with { Items = 150 } : p).ToList();

        var old = HourlyChart.ChartOf(before).Pieces;
        var changed = HourlyChart.ChartOf(after).Pieces;

        // Blazor compares markup frames by their text: equal pieces send nothing to the browser.
        Enumerable.Range(0, old.Count).Where(i => old[i].Value != changed[i].Value).ShouldBe([10]);
        // Every circuit showing the same cached list shares one chart.
        HourlyChart.ChartOf(before).ShouldBeSameAs(HourlyChart.ChartOf(before));
    }

    [Fact]
    public void Render_NoProduction_SaysSoInsteadOfAChart()
    {
        var cut = Render<HourlyChart>(p => p.Add(x => x.Points, [new HourlyPoint(DateTime.UnixEpoch, "06:00", 0, 2)]));

        cut.FindAll("svg").ShouldBeEmpty();
        cut.Find("p").TextContent.ShouldBe("No production recorded on this day yet.");
    }
}
