using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Productivity.Core.Security;
using Productivity.Infrastructure.Costs;
using Productivity.Infrastructure.Persistence;
using Productivity.Tests.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Productivity.Tests.Web.Browser;

/// <summary>
/// The demo floor with a default rate on every role (added through the rate service before the app starts, so the app's
/// own jobs score and cost the days): a Manager opens Labour cost and sees the stored totals, downloads the xlsx and sees a
/// day's cost on the employee day; a Lead gets neither the page nor the money on the employee day.
/// </summary>
[Collection(BrowserFixture.Collection)]
[Trait("Category", "Browser")]
public sealed class ManagerSeesLabourCostTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private const string ManagerEmail = "manager@example.test";
    private const string LeadEmail = "lead@example.test";
    private const string Password = "Cost-Password-2025!";
    private const float Timeout = 30_000;
    private static readonly TimeSpan ScoresTimeout = TimeSpan.FromSeconds(120);
    private static readonly CultureInfo UnitedStates = CultureInfo.GetCultureInfo("en-US");

    private readonly BrowserSite _site = new("productivity-costs-");

    public async Task InitializeAsync()
    {
        await using (var host = await TestHost.StartAsync("Sqlite", new Dictionary<string, string?> { ["Data:Folder"] = _site.DataFolder.FullName }))
        {
            await TestUsers.CreateAsync(host.Services, ManagerEmail, Password, Roles.Manager);
            await TestUsers.CreateAsync(host.Services, LeadEmail, Password, Roles.Lead);
            var admin = await TestPrincipals.AdminAsync(host.Services);
            await using var scope = host.CreateScope();
            var roles = await scope.ServiceProvider.GetRequiredService<ProductivityDbContext>().ActionRoles.Select(r => r.RoleName).Distinct().ToListAsync();
            foreach (var role in roles)
            {
                await host.Services.GetRequiredService<PayRateAdministration>().AddRoleRateAsync(admin, role, 20m, new DateOnly(2000, 1, 1));
            }
        }
        await _site.StartAsync(browser, new Dictionary<string, string>
        {
            ["Seed__AdminEmail"] = TestHost.AdminEmail,
            ["Seed__AdminPassword"] = TestHost.AdminPassword,
            ["Jobs__Enabled"] = "true",
            ["Jobs__ShiftSyncMinutes"] = "1",
            ["Jobs__PodFactorySyncSeconds"] = "5",
        }, Timeout);
        SetDefaultExpectTimeout(Timeout);
    }

    [Fact]
    public async Task Manager_SeesTheStoredMoneyAndDownloadsIt_LeadSeesNoMoney()
    {
        await BrowserFailure.RecordAsync(output, nameof(ManagerSeesLabourCostTests), async () =>
        {
            var (employeeId, day) = await CostedDayAsync();

            await LoginForm.SubmitAsync(Page, ManagerEmail, Password);
            await Expect(Page.GetByTestId("dashboard-title")).ToBeVisibleAsync();
            await Page.GotoAsync($"/costs?range=custom&from={day}&to={day}");
            await ExpectStoredTotalAsync(day);
            await Expect(Page.GetByTestId("cost-employee-link").First).ToHaveAttributeAsync("href", new Regex($"^/employees/\\d+/days/{day}$"));

            var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByTestId("export-costs-xlsx").ClickAsync());
            download.SuggestedFilename.ShouldBe($"labour-cost-{day}-{day}.xlsx");
            var sheet = XlsxSheet.Read(await File.ReadAllBytesAsync((await download.PathAsync())!));
            string.Join(',', sheet.Rows[0].Select(c => c.Text)).ShouldBe(CostExport.Header);
            (sheet.Rows.Count - 1).ShouldBe(Convert.ToInt32(await _site.ScalarAsync($"SELECT COUNT(*) FROM daily_scores WHERE BusinessDay = '{day}'"),
                CultureInfo.InvariantCulture));

            await Page.GotoAsync($"/employees/{employeeId}/days/{day}");
            await Expect(Page.GetByTestId("day-cost-rate")).ToHaveTextAsync("$20.00");

            await Page.Context.ClearCookiesAsync();
            await LoginForm.SubmitAsync(Page, LeadEmail, Password);
            await Expect(Page.GetByTestId("dashboard-title")).ToBeVisibleAsync();
            await Page.GotoAsync($"/costs?range=custom&from={day}&to={day}");
            await Expect(Page).ToHaveURLAsync(new Regex("/Account/AccessDenied"));
            await Page.GotoAsync($"/employees/{employeeId}/days/{day}");
            await Expect(Page.GetByTestId("timeline")).ToBeVisibleAsync();
            await Expect(Page.GetByTestId("score-utilization")).ToBeVisibleAsync();
            (await Page.GetByTestId("day-cost").CountAsync()).ShouldBe(0);
        }, [("page", _site.Page)], [("app", _site.App)]);
    }

    public Task DisposeAsync() => _site.DisposeAsync().AsTask();

    private IPage Page => _site.Page;

    // The page follows the stored days live; the jobs may still rescore the day, so compare with a fresh read.
    private async Task ExpectStoredTotalAsync(string day)
    {
        var card = Page.GetByTestId("kpi-labour-cost-value");
        var deadline = DateTime.UtcNow.AddMilliseconds(Timeout);
        while (true)
        {
            var rows = await _site.ScalarAsync($"SELECT group_concat(LabourCost, ';') FROM daily_scores WHERE BusinessDay = '{day}' AND LabourCost IS NOT NULL");
            var total = ((string)rows!).Split(';').Sum(v => decimal.Parse(v, CultureInfo.InvariantCulture));
            try
            {
                await Expect(card).ToHaveTextAsync(total.ToString("C2", UnitedStates), new LocatorAssertionsToHaveTextOptions { Timeout = 3_000 });
                return;
            }
            catch (PlaywrightException) when (DateTime.UtcNow < deadline)
            {
                // Rescored meanwhile: read again.
            }
        }
    }

    /// <summary>Waits for the app's jobs to score and cost a finished day; picks its first employee by name.</summary>
    private async Task<(int EmployeeId, string Day)> CostedDayAsync()
    {
        var chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, chicago)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var deadline = DateTime.UtcNow + ScoresTimeout;
        while (true)
        {
            await using var connection = await _site.OpenDatabaseAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT e.Id, s.BusinessDay FROM employees e JOIN daily_scores s ON s.EmployeeId = e.Id
                WHERE s.LabourCost IS NOT NULL AND s.Items > 0 AND s.BusinessDay < '{today}'
                ORDER BY s.BusinessDay DESC, e.Name LIMIT 1
                """;
            await using (var reader = await command.ExecuteReaderAsync())
            {
                if (await reader.ReadAsync())
                {
                    return (reader.GetInt32(0), reader.GetString(1));
                }
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The demo floor had no costed day after {ScoresTimeout.TotalSeconds:0} s.");
            }
            await Task.Delay(1_000);
        }
    }
}
