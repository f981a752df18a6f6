using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Productivity.Core.Activities;
using Productivity.Core.Employees;
using Productivity.Core.Security;
using Productivity.Core.Sync;
using Productivity.Core.Time;
using Productivity.Core.TimeClock;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Scoring;
using Productivity.Tests.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Productivity.Tests.Web.Browser;

/// <summary>
/// In Chromium against the real app: a Manager opens today's dashboard, clicks an employee's name in the score table
/// (issue 5) and lands on that employee's day, which shows the numbers of the day that was seeded and scored before the
/// app started. Two employees with different numbers are seeded, so a link to the wrong person or day would show.
/// </summary>
[Collection(BrowserFixture.Collection)]
[Trait("Category", "Browser")]
public sealed class ManagerDrillsDownFromDashboardTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private const string ManagerEmail = "manager@example.test";
    private const string ManagerPassword = "Manager-Password-2025!";
    private const float Timeout = 30_000;

    private static readonly SiteClock Site = new(TimeZoneInfo.FindSystemTimeZoneById("America/Chicago"));

    private readonly BrowserSite _site = new("productivity-drilldown-");
    private DateOnly _today;
    private int _anaId;

    public async Task InitializeAsync()
    {
        await SeedAsync();
        // No jobs: nothing but the seeded rows is scored, so the numbers below stay exact.
        await _site.StartAsync(browser, new Dictionary<string, string>
        {
            ["Seed__AdminEmail"] = TestHost.AdminEmail,
            ["Seed__AdminPassword"] = TestHost.AdminPassword,
            ["Jobs__Enabled"] = "false",
        }, Timeout);
        SetDefaultExpectTimeout(Timeout);
    }

    [Fact]
    public async Task Manager_ClicksANameInTheScoreTable_LandsOnThatEmployeesDayWithItsNumbers()
    {
        await RecordFailureAsync(async () =>
        {
            await LoginForm.SubmitAsync(Page, ManagerEmail, ManagerPassword);
            await Expect(Page).ToHaveURLAsync(new Regex(@":\d+/$"));
            await Expect(Page.GetByTestId("dashboard-header")).ToHaveAttributeAsync("data-live", "true");
            var table = Page.GetByTestId("score-table");
            var ana = table.Locator("tbody tr").Filter(new LocatorFilterOptions { HasText = "Ana Lopez" });
            await Expect(ana.Locator("td[data-label='Items']")).ToHaveTextAsync("37");
            await Expect(table.Locator("tbody tr").Filter(new LocatorFilterOptions { HasText = "Ben Ng" }).Locator("td[data-label='Items']"))
                .ToHaveTextAsync("50");

            await ana.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Ana Lopez", Exact = true }).ClickAsync();

            var day = _today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await Expect(Page).ToHaveURLAsync(new Regex($"/employees/{_anaId}/days/{day}$"));
            await Expect(Page.GetByTestId("day-employee")).ToHaveTextAsync("Ana Lopez");
            await Expect(Page.GetByTestId("day-title")).ToHaveTextAsync(_today.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture));
            await Expect(Page.GetByTestId("score-items")).ToHaveAttributeAsync("data-value", "37");
            await Expect(Page.GetByTestId("score-items")).ToContainTextAsync("37");
            // 37 QC Passed items at 1.33 points each.
            await Expect(Page.GetByTestId("score-points")).ToContainTextAsync("49.21");
        });
    }

    public Task DisposeAsync() => _site.DisposeAsync().AsTask();

    private IPage Page => _site.Page;

    /// <summary>
    /// Creates the schema, the Manager and today's inputs of two employees in the app's data folder, and scores them with
    /// the app's own recompute, before the app starts.
    /// </summary>
    private async Task SeedAsync()
    {
        await using var host = await TestHost.StartAsync("Sqlite", new Dictionary<string, string?> { ["Data:Folder"] = _site.DataFolder.FullName });
        await TestUsers.CreateAsync(host.Services, ManagerEmail, ManagerPassword, Roles.Manager);

        // A 40-minute shift that started two hours ago, but never before today's local midnight, so the day is today.
        var now = DateTime.UtcNow;
        _today = Site.BusinessDayOf(now);
        var midnight = Site.UtcRangeOf(_today).StartUtc;
        var start = now.AddHours(-2) > midnight ? now.AddHours(-2) : midnight.AddMinutes(1);
        int ben;
        await using (var scope = host.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
            _anaId = await AddDayAsync(db, "Ana Lopez", start, "QC Passed", [12, 9, 16]);
            ben = await AddDayAsync(db, "Ben Ng", start, "In Production", [20, 30]);
        }
        var scored = await host.Services.GetRequiredService<ScoreRecalculationService>()
            .RecalculateAsync([new EmployeeDay(_anaId, _today), new EmployeeDay(ben, _today)]);
        scored.ShouldBe(2);
    }

    private async Task<int> AddDayAsync(ProductivityDbContext db, string name, DateTime startUtc, string action, int[] items)
    {
        var employee = new Employee { Name = name, Email = $"{name.Replace(' ', '.').ToLowerInvariant()}@example.test" };
        db.Employees.Add(employee);
        await db.SaveChangesAsync();
        db.Shifts.Add(new Shift
        {
            EmployeeId = employee.Id,
            ClockId = 1,
            ConnecteamShiftId = $"shift-{employee.Id}",
            ClockInUtc = startUtc,
            ClockOutUtc = startUtc.AddMinutes(40),
            BusinessDay = _today,
            UpdatedUtc = startUtc,
        });
        for (var i = 0; i < items.Length; i++)
        {
            var windowStart = startUtc.AddMinutes(10 * i);
            db.Activities.Add(new ActivityRecord
            {
                PodFactoryId = employee.Id * 100L + i,
                EmployeeId = employee.Id,
                Email = employee.Email,
                Action = action,
                ItemsCount = items[i],
                WindowStartUtc = windowStart,
                WindowEndUtc = windowStart.AddMinutes(10),
                SourceCreatedUtc = windowStart.AddMinutes(10),
                UpdatedUtc = windowStart.AddMinutes(10),
            });
        }
        await db.SaveChangesAsync();
        return employee.Id;
    }

    /// <summary>On failure saves a full-page screenshot next to the test assembly and writes the app's output to the test log.</summary>
    private Task RecordFailureAsync(Func<Task> test) =>
        BrowserFailure.RecordAsync(output, nameof(ManagerDrillsDownFromDashboardTests), test, [("page", _site.Page)], [("app", _site.App)]);
}
