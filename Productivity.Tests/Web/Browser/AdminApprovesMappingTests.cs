using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Productivity.Core.Employees;
using Productivity.Core.Sync;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Sync;
using Productivity.Tests.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Productivity.Tests.Web.Browser;

/// <summary>
/// In Chromium against the real app in demo mode with its schedules running: the demo floor's PodFactory account
/// "Jose Gonzales" (jgonzales@…) matches no Connecteam e-mail, so its rows are stored credited to nobody. An Admin
/// approves it for the suggested employee, and that employee's day gains exactly those items (read from the app's own
/// database, as the employee-day page and the score export are built separately).
/// </summary>
[Collection(BrowserFixture.Collection)]
[Trait("Category", "Browser")]
public sealed class AdminApprovesMappingTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private const string AdminEmail = "admin@example.test";
    private const string AdminPassword = "Admin-Password-2025!";
    private const string PodFactoryEmail = "jgonzales@demo.productivity.test";
    private const float Timeout = 30_000;
    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    private readonly BrowserSite _site = new("productivity-browser-");

    public async Task InitializeAsync()
    {
        await _site.StartAsync(browser, new Dictionary<string, string>
        {
            ["Seed__AdminEmail"] = AdminEmail,
            ["Seed__AdminPassword"] = AdminPassword,
            ["Jobs__Enabled"] = "true",
            ["Jobs__ShiftSyncMinutes"] = "1",
            ["Jobs__PodFactorySyncSeconds"] = "10",
        }, Timeout);
        SetDefaultExpectTimeout(Timeout);
    }

    [Fact]
    public async Task Admin_ApprovesPendingMappingToTheSuggestedEmployee_TheEmployeesDayGainsTheReattributedItems()
    {
        await RecordFailureAsync(async () =>
        {
            // The first incremental PodFactory run reads the whole demo history; past days are complete once it has finished.
            var jose = await WaitForAsync(async db =>
                await db.SyncRuns.AnyAsync(r => r.Job == SyncJobs.PodFactory && r.FinishedUtc != null && r.Status != SyncRunStatus.Failed)
                && await db.PendingMappings.AnyAsync(p => p.Email == PodFactoryEmail && p.Status == PendingMappingStatus.Pending)
                && await db.Activities.AnyAsync(a => a.Email == PodFactoryEmail && a.EmployeeId == null)
                    ? await db.Employees.Where(e => e.Name == "Jose Gonzalez").Select(e => (int?)e.Id).SingleOrDefaultAsync()
                    : null);
            var rows = await WithDbAsync(db => db.Activities.AsNoTracking()
                .Where(a => a.Email == PodFactoryEmail && a.EmployeeId == null)
                .Select(a => new { a.WindowStartUtc, a.ItemsCount }).ToListAsync());
            var (day, items) = LatestCompleteDay([.. rows.Select(r => (r.WindowStartUtc, r.ItemsCount))]);
            var before = await ItemsOfAsync(jose, day);

            await SignInAsync();
            await Page.GotoAsync("/admin/mappings");
            var approve = Page.GetByTestId($"approve-{PodFactoryEmail}");
            await Expect(approve).ToHaveTextAsync(new Regex("Approve → Jose Gonzalez"));
            await ClickUntilBusyAsync(approve);
            await Expect(Page.Locator("#mud-snackbar-container"))
                .ToContainTextAsync($"{PodFactoryEmail} credited to Jose Gonzalez", new() { Timeout = Timeout * 2 });
            await Expect(approve).ToHaveCountAsync(0);

            before.ShouldBe(0, $"Jose Gonzalez's {day:yyyy-MM-dd} had no items before the approval");
            (await ItemsOfAsync(jose, day)).ShouldBe(items, $"Jose Gonzalez's {day:yyyy-MM-dd} gains the {items} re-attributed items");
            (await WithDbAsync(db => db.Activities.CountAsync(a => a.Email == PodFactoryEmail && a.EmployeeId == null))).ShouldBe(0);
        });
    }

    public Task DisposeAsync() => _site.DisposeAsync().AsTask();

    private IPage Page => _site.Page;

    /// <summary>The latest site-local day before today with rows (a finished day), else the latest day; with its items.</summary>
    private static (DateOnly Day, int Items) LatestCompleteDay(List<(DateTime StartUtc, int Items)> rows)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Chicago));
        var days = rows.GroupBy(r => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(r.StartUtc, DateTimeKind.Utc), Chicago)))
            .ToDictionary(g => g.Key, g => g.Sum(r => r.Items));
        var day = days.Keys.Where(d => d < today).DefaultIfEmpty(days.Keys.Max()).Max();
        return (day, days[day]);
    }

    private Task<int> ItemsOfAsync(int employeeId, DateOnly day) =>
        WithDbAsync(async db => await db.DailyScores.Where(s => s.EmployeeId == employeeId && s.BusinessDay == day)
            .Select(s => (int?)s.Items).SingleOrDefaultAsync() ?? 0);

    /// <summary>Waits (up to two minutes) for the schedules to ingest the demo floor, until <paramref name="probe"/> answers.</summary>
    private async Task<int> WaitForAsync(Func<ProductivityDbContext, Task<int?>> probe)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                if (await WithDbAsync(probe) is { } found)
                {
                    return found;
                }
            }
            catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException && DateTime.UtcNow < deadline)
            {
                // The app is still creating or writing the database.
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The demo floor was not ingested within two minutes.");
            }
            await Task.Delay(1000);
        }
    }

    private async Task<T> WithDbAsync<T>(Func<ProductivityDbContext, Task<T>> query)
    {
        var path = Path.Combine(_site.DataFolder.FullName, "productivity.db");
        var options = new DbContextOptionsBuilder<SqliteProductivityDbContext>()
            .UseSqlite($"Data Source={path};Mode=ReadOnly;Pooling=False;Default Timeout=30").Options;
        await using var db = new SqliteProductivityDbContext(options);
        return await query(db);
    }

    private async Task SignInAsync()
    {
        await LoginForm.SubmitAsync(Page, AdminEmail, AdminPassword);
        await Expect(Page.GetByTestId("dashboard-title")).ToBeVisibleAsync();
    }

    /// <summary>
    /// Clicks until the page reacts (the button disables while the approval runs): clicks on prerendered markup are lost
    /// until the circuit starts, and a second click after a real one would approve twice.
    /// </summary>
    private static async Task ClickUntilBusyAsync(ILocator button)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(Timeout * 2);
        while (true)
        {
            await button.ClickAsync();
            try
            {
                await Expect(button).Not.ToBeEnabledAsync(new LocatorAssertionsToBeEnabledOptions { Timeout = 2_000 });
                return;
            }
            catch (PlaywrightException) when (DateTime.UtcNow < deadline)
            {
                if (await button.CountAsync() == 0)
                {
                    return;
                }
            }
        }
    }

    private Task RecordFailureAsync(Func<Task> test) =>
        BrowserFailure.RecordAsync(output, nameof(AdminApprovesMappingTests), test, [("page", _site.Page)], [("app", _site.App)]);
}
