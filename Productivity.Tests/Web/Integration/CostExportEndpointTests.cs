using System.Net;
using System.Text;
using Productivity.Core.Security;
using Productivity.Infrastructure.Costs;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Web.Integration;

/// <summary>GET /exports/costs.csv and .xlsx through the whole site: money for Managers and Admins only, and its cells.</summary>
public sealed class CostExportEndpointTests(ScoreExportEndpointTests.Site site) : IClassFixture<ScoreExportEndpointTests.Site>
{
    private const string Range = "?from=2025-12-10&to=2025-12-10";

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Manager)]
    public async Task CsvExport_ManagerOrAdmin_GetsTheStoredDaysMoneyAfterABom(string role)
    {
        var response = await site.For(role).GetAsync($"/exports/costs.csv{Range}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.FileName.ShouldBe("labour-cost-2025-12-10-2025-12-10.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes[..3].ShouldBe(Encoding.UTF8.Preamble.ToArray());
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        // 157.25 / 230 items = 0.6837 → 0.68; 157.25 / (69 / 60) standard hours = 136.739 → 136.74.
        lines.ShouldBe(
        [
            CostExport.Header,
            $"2025-12-10,{site.EmployeeId},Ben Ng,,18.5,510,157.25,114.13,230,0.68,69,136.74",
        ]);
    }

    [Fact]
    public async Task CsvExport_DayWithoutARate_HasEmptyMoneyCellsNeverZeros()
    {
        var body = await site.For(Roles.Manager).GetStringAsync("/exports/costs.csv?from=2025-12-11&to=2025-12-11");

        var row = body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Single(l => l.Contains("@SUM(1)", StringComparison.Ordinal));
        // Neutralised like every text cell; rate, labour, idle, per item and per standard hour empty.
        row.ShouldBe($"2025-12-11,{site.HostileIds["@SUM(1)"]},'@SUM(1),,,0,,,1,,0,");
    }

    [Fact]
    public async Task XlsxExport_Manager_OpensWithRealNumberCells()
    {
        var response = await site.For(Roles.Manager).GetAsync($"/exports/costs.xlsx{Range}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var sheet = XlsxSheet.Read(await response.Content.ReadAsByteArrayAsync());
        string.Join(',', sheet.Rows[0].Select(c => c.Text)).ShouldBe(CostExport.Header);
        var row = sheet.Rows[1];
        row[0].Date.ShouldBe(new DateTime(2025, 12, 10));
        row[2].Text.ShouldBe("Ben Ng");
        row[4].Number.ShouldBe(18.5);
        row[6].Number.ShouldBe(157.25);
        row[9].Number.ShouldBe(0.68);
    }

    [Theory]
    [InlineData("/exports/costs.csv")]
    [InlineData("/exports/costs.xlsx")]
    public async Task Export_Lead_IsForbidden(string path)
    {
        var response = await site.For(Roles.Lead).GetAsync(path + Range);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
