using Productivity.Web.Components.Shared;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Productivity.Core.Security;
using Productivity.Tests.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Productivity.Tests.Web.Browser;

/// <summary>
/// A Lead on the demo floor (the real app in demo mode with its jobs running, so shifts and production are ingested and
/// scored by the app itself) drills down from the employees list into one employee's day, sees its timeline and the
/// stored utilization, and is denied the Admin pages.
/// </summary>
[Collection(BrowserFixture.Collection)]
[Trait("Category", "Browser")]
public sealed class LeadOpensEmployeeDayTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private const string LeadEmail = "lead@example.test";
    private const string LeadPassword = "Lead-Password-2025!";
    private const float Timeout = 30_000;
    private static readonly TimeSpan ScoresTimeout = TimeSpan.FromSeconds(120);

    private readonly BrowserSite _site = new("productivity-browser-");

    public async Task InitializeAsync()
    {
        await CreateLeadAsync();
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
    public async Task Lead_OpensAnEmployeesDay_SeesTheTimelineAndTheStoredUtilizationButNoAdminPages()
    {
        await RecordFailureAsync(async () =>
        {
            var (employeeId, name, day) = await ScoredEmployeeDayAsync();

            await LoginForm.SubmitAsync(Page, LeadEmail, LeadPassword);
            await Expect(Page.GetByTestId("dashboard-title")).ToBeVisibleAsync();
            await Page.GotoAsync("/employees");
            var link = Page.GetByTestId($"employee-link-{employeeId}");
            await Expect(link).ToHaveTextAsync(name);
            await link.ClickAsync();
            await Expect(Page.GetByTestId("employee-name")).ToHaveTextAsync(name);
            await Page.GetByTestId($"day-link-{day}").ClickAsync();

            await Expect(Page).ToHaveURLAsync(new Regex($"/employees/{employeeId}/days/{day}$"));
            await Expect(Page.GetByTestId("timeline")).ToBeVisibleAsync();
            (await Page.GetByTestId("timeline-session").CountAsync()).ShouldBeGreaterThan(0);
            (await Page.GetByTestId("timeline-window").CountAsync()).ShouldBeGreaterThan(0);
            await ExpectStoredUtilizationAsync(employeeId, day);

            await Page.GotoAsync("/admin/sync");
            await Expect(Page).ToHaveURLAsync(new Regex("/Account/AccessDenied"));
            await Page.GotoAsync("/admin/users");
            await Expect(Page).ToHaveURLAsync(new Regex("/Account/AccessDenied"));
            await Expect(Page.GetByTestId("access-denied")).ToBeVisibleAsync();
        });
    }

    public Task DisposeAsync() => _site.DisposeAsync().AsTask();

    private IPage Page => _site.Page;

    // The page shows the stored score and follows it live; the jobs may still rescore the day, so compare with a fresh read.
    private async Task ExpectStoredUtilizationAsync(int employeeId, string day)
    {
        var card = Page.GetByTestId("score-utilization");
        var deadline = DateTime.UtcNow.AddMilliseconds(Timeout);
        while (true)
        {
            var stored = (double)(await _site.ScalarAsync($"SELECT Utilization FROM daily_scores WHERE EmployeeId = {employeeId} AND BusinessDay = '{day}'"))!;
            var expected = stored.ToString("0.####", CultureInfo.InvariantCulture);
            try
            {
                await Expect(card).ToHaveAttributeAsync("data-value", expected, new LocatorAssertionsToHaveAttributeOptions { Timeout = 3_000 });
                await Expect(card).ToContainTextAsync(Percent.Of(stored));
                return;
            }
            catch (PlaywrightException) when (DateTime.UtcNow < deadline)
            {
                // Rescored meanwhile: read again.
            }
        }
    }

    /// <summary>Waits for the app's jobs to score a finished day, and picks the first such employee by name (on the list's first page).</summary>
    private async Task<(int EmployeeId, string Name, string Day)> ScoredEmployeeDayAsync()
    {
        var chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, chicago)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var deadline = DateTime.UtcNow + ScoresTimeout;
        while (true)
        {
            await using var connection = await _site.OpenDatabaseAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT e.Id, e.Name, MAX(s.BusinessDay) FROM employees e JOIN daily_scores s ON s.EmployeeId = e.Id
                WHERE s.Sessions > 0 AND s.Items > 0 AND s.BusinessDay < '{today}'
                GROUP BY e.Id, e.Name ORDER BY e.Name LIMIT 1
                """;
            await using (var reader = await command.ExecuteReaderAsync())
            {
                if (await reader.ReadAsync())
                {
                    return (reader.GetInt32(0), reader.GetString(1), reader.GetString(2));
                }
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The demo floor had no scored day after {ScoresTimeout.TotalSeconds:0} s.");
            }
            await Task.Delay(1_000);
        }
    }

    /// <summary>Creates the Lead (and the schema) in the app's data folder before the app starts, as an Admin would.</summary>
    private async Task CreateLeadAsync()
    {
        await using var host = await TestHost.StartAsync("Sqlite", new Dictionary<string, string?> { ["Data:Folder"] = _site.DataFolder.FullName });
        await TestUsers.CreateAsync(host.Services, LeadEmail, LeadPassword, Roles.Lead);
    }

    /// <summary>On failure saves a full-page screenshot next to the test assembly and writes the app's output to the test log.</summary>
    private Task RecordFailureAsync(Func<Task> test) =>
        BrowserFailure.RecordAsync(output, nameof(LeadOpensEmployeeDayTests), test, [("page", _site.Page)], [("app", _site.App)]);
}
