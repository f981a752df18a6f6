using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Employees;
using Productivity.Core.Scoring;
using Productivity.Core.Security;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Scoring;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Web.Integration;

/// <summary>GET /exports/scores.csv and .xlsx through the whole site: who may download it, and what it contains.</summary>
public sealed class ScoreExportEndpointTests(ScoreExportEndpointTests.Site site) : IClassFixture<ScoreExportEndpointTests.Site>
{
    private const string Url = "/exports/scores.csv?from=2025-12-10&to=2025-12-10";
    private const string XlsxUrl = "/exports/scores.xlsx?from=2025-12-10&to=2025-12-10";

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Manager)]
    public async Task Export_ManagerOrAdmin_GetsTheCsvOfTheRange(string role)
    {
        var response = await site.For(role).GetAsync(Url);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileName.ShouldBe("scores-2025-12-10-2025-12-10.csv");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Select(l => l.TrimEnd('\r')).ShouldBe(
        [
            ScoreExport.Header,
            $"2025-12-10,{site.EmployeeId},Ben Ng,,230,69,510,139.85,370.15,0.2742,69,0.4934,Picker,0,0",
        ]);
    }

    [Fact]
    public async Task Export_Csv_StartsWithTheByteOrderMark()
    {
        var response = await site.For(Roles.Manager).GetAsync(Url);

        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        System.Text.Encoding.UTF8.GetString(bytes[3..]).ShouldStartWith(ScoreExport.Header + "\r\n");
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Manager)]
    public async Task ExportXlsx_ManagerOrAdmin_GetsTheWorkbookOfTheRange(string role)
    {
        var response = await site.For(role).GetAsync(XlsxUrl);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.Content.Headers.ContentDisposition!.FileName.ShouldBe("scores-2025-12-10-2025-12-10.xlsx");
        var sheet = XlsxSheet.Read(await response.Content.ReadAsByteArrayAsync());
        sheet.Rows.Count.ShouldBe(2);
        string.Join(',', sheet.Rows[0].Select(c => c.Text)).ShouldBe(ScoreExport.Header);
        var row = sheet.Rows[1];
        row[0].Date.ShouldBe(new DateTime(2025, 12, 10));
        row[0].FormatCode.ShouldBe("yyyy-mm-dd");
        row[1].Number.ShouldBe(site.EmployeeId);
        row[2].Text.ShouldBe("Ben Ng");
        row[3].IsEmpty.ShouldBeTrue();
        row.Skip(4).Select(c => c.Number?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? c.Text).ShouldBe(
            ["230", "69", "510", "139.85", "370.15", "0.2742", "69", "0.4934", "Picker", "0", "0"]);
        sheet.Pane!.VerticalSplit!.Value.ShouldBe(1);
    }

    [Fact]
    public async Task ExportXlsx_HostileNames_AreNeutralisedAndNumbersStayNumbers()
    {
        var response = await site.For(Roles.Manager).GetAsync("/exports/scores.xlsx?from=2025-12-11&to=2025-12-11");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var sheet = XlsxSheet.Read(await response.Content.ReadAsByteArrayAsync());
        // The raw CR of "\r=cmd" reads back as a LF (XML line-end normalisation); it still follows the "'".
        sheet.Rows.Skip(1).Select(r => r[2].Text).ShouldBe(["'\t=cmd", "'\n=cmd", "'@SUM(1)", "Tyler;=1+2;Brooks"]);
        sheet.Rows.Skip(1).ShouldAllBe(r => r[5].Number == -3);
    }

    [Fact]
    public async Task ExportXlsx_Lead_IsForbidden()
    {
        var response = await site.For(Roles.Lead).GetAsync(XlsxUrl);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ExportXlsx_Anonymous_IsSentToTheLoginPage()
    {
        var response = await site.For(Site.Anonymous).GetAsync(XlsxUrl);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.ShouldBe("/Account/Login");
    }

    [Fact]
    public async Task Export_HostileNames_AreQuotedAndNeverStartAFormula()
    {
        var response = await site.For(Roles.Manager).GetAsync("/exports/scores.csv?from=2025-12-11&to=2025-12-11");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = (await response.Content.ReadAsStringAsync()).Replace("\r\n", "\n", StringComparison.Ordinal);
        var ids = site.HostileIds;
        // Names sort ordinally (tab, CR, '@', 'T'); the negative points stay a number: only text cells are guarded.
        body.ShouldBe(
            $"{ScoreExport.Header}\n" +
            $"2025-12-11,{ids["\t=cmd"]},'\t=cmd,,1,-3,60,0,60,0,0,,,0,0\n" +
            $"2025-12-11,{ids["\r=cmd"]},\"'\r=cmd\",,1,-3,60,0,60,0,0,,,0,0\n" +
            $"2025-12-11,{ids["@SUM(1)"]},'@SUM(1),,1,-3,60,0,60,0,0,,,0,0\n" +
            $"2025-12-11,{ids["Tyler;=1+2;Brooks"]},\"Tyler;=1+2;Brooks\",,1,-3,60,0,60,0,0,,,0,0\n");
    }

    [Fact]
    public async Task Export_Lead_IsForbidden()
    {
        var response = await site.For(Roles.Lead).GetAsync(Url);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Export_Anonymous_IsSentToTheLoginPage()
    {
        var response = await site.For(Site.Anonymous).GetAsync(Url);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.ShouldBe("/Account/Login");
    }

    [Theory]
    [InlineData("/exports/scores.csv")]
    [InlineData("/exports/scores.csv?from=2025-12-10&to=yesterday")]
    [InlineData("/exports/scores.csv?from=2025-12-10&to=2025-12-09")]
    [InlineData("/exports/scores.csv?from=2025-01-01&to=2025-12-31")]
    [InlineData("/exports/scores.xlsx")]
    [InlineData("/exports/scores.xlsx?from=2025-12-10&to=2025-12-09")]
    public async Task Export_BadRange_IsABadRequest(string url)
    {
        var response = await site.For(Roles.Manager).GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    public sealed class Site : IAsyncLifetime
    {
        public const string Anonymous = "Anonymous";
        private const string Password = "export-test-password";
        private readonly ProductivityWebFactory _factory = new();
        private readonly Dictionary<string, HttpClient> _clients = [];

        public int EmployeeId { get; private set; }

        /// <summary>Employees named to break out of a CSV cell, each with a score on 2025-12-11.</summary>
        public Dictionary<string, int> HostileIds { get; } = [];

        public HttpClient For(string caller) => _clients[caller];

        public async Task InitializeAsync()
        {
            _clients[Anonymous] = _factory.CreateBrowserClient();
            foreach (var role in Roles.All)
            {
                var email = $"{role.ToLowerInvariant()}-export@example.test";
                await _factory.CreateUserAsync(email, Password, role);
                var client = _factory.CreateBrowserClient();
                (await ProductivityWebFactory.SignInAsync(client, email, Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
                _clients[role] = client;
            }
            await using var scope = _factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
            var employee = new Employee { Name = "Ben Ng" };
            db.Employees.Add(employee);
            await db.SaveChangesAsync();
            EmployeeId = employee.Id;
            db.DailyScores.Add(new DailyScore
            {
                EmployeeId = employee.Id,
                BusinessDay = new DateOnly(2025, 12, 10),
                Items = 230,
                Points = 69,
                ClockedMinutes = 510,
                ActiveMinutes = 139.85,
                IdleMinutes = 370.15,
                Utilization = 0.2742,
                StandardMinutes = 69,
                Performance = 0.4934,
                PrimaryRole = "Picker",
                Sessions = 1,
                // At 18.50 an hour (the cost export's test reads these): 510 / 60 × 18.5 and 370.15 / 60 × 18.5.
                PaidMinutes = 510,
                HourlyRate = 18.50m,
                LabourCost = 157.25m,
                IdleCost = 114.13m,
            });
            await db.SaveChangesAsync();
            foreach (var name in new[] { "Tyler;=1+2;Brooks", "\t=cmd", "\r=cmd", "@SUM(1)" })
            {
                var hostile = new Employee { Name = name };
                db.Employees.Add(hostile);
                await db.SaveChangesAsync();
                HostileIds[name] = hostile.Id;
                db.DailyScores.Add(new DailyScore
                {
                    EmployeeId = hostile.Id,
                    BusinessDay = new DateOnly(2025, 12, 11),
                    Items = 1,
                    Points = -3,
                    ClockedMinutes = 60,
                    IdleMinutes = 60,
                    Sessions = 1,
                });
            }
            await db.SaveChangesAsync();
        }

        public Task DisposeAsync()
        {
            _factory.Dispose();
            return Task.CompletedTask;
        }
    }
}
