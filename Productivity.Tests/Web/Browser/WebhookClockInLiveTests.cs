using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using MySqlConnector;
using Productivity.Core.Security;
using Productivity.Core.Time;
using Productivity.Infrastructure;
using Productivity.Tests.Infrastructure.Integrations;
using Productivity.Tests.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Productivity.Tests.Web.Browser;

/// <summary>
/// A Connecteam clock_in webhook reaches an open dashboard: the app runs as in production (MariaDB, its own Quartz
/// jobs) with the shift poll set to 10 hours, so only the webhook's re-read can explain Ben appearing in "Clocked in now".
/// </summary>
[Collection(BrowserFixture.Collection)]
[Trait("Category", "Browser")]
public sealed class WebhookClockInLiveTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private const string AdminEmail = "admin@example.test";
    private const string ManagerEmail = "manager@example.test";
    private const string Password = "Dashboard-Live-2025!";
    private const string AnaEmail = "ana.lopez@example.test";
    private const long ClockId = 4242;
    private const string WebhookToken = "wh_browser_0123456789abcdefghijklmnopqrstuv";
    private const float Timeout = 30_000;
    // Employee sync, PodFactory sync, mapping and recompute all have to happen once before the first number shows.
    private const float IngestionTimeout = 150_000;

    private static readonly SiteClock Site = new(TimeZoneInfo.FindSystemTimeZoneById("America/Chicago"));

    private readonly DirectoryInfo _dataFolder = Directory.CreateTempSubdirectory("productivity-dashboard-");
    private MySqlTestDatabase? _productivity;
    private MySqlTestDatabase? _podFactory;
    private FakeConnecteamServer? _connecteam;
    private AppProcess? _app;
    private IBrowserContext? _context;
    private IPage _page = default!;
    private DateTime _shiftStartUtc;
    private long _nextRowId;

    public async Task InitializeAsync()
    {
        _productivity = await MySqlTestDatabase.CreateAsync();
        _podFactory = await MySqlTestDatabase.CreateAsync();
        await _podFactory.ExecuteAsync(ReportActionsTable.CreateTable);

        // Clocked in two hours ago, but never before today's local midnight, so that everything is on today's dashboard.
        var now = DateTime.UtcNow;
        var midnight = Site.UtcRangeOf(Site.BusinessDayOf(now)).StartUtc;
        _shiftStartUtc = now.AddHours(-2) > midnight ? now.AddHours(-2) : midnight.AddMinutes(1);
        _connecteam = await FakeConnecteamServer.StartAsync();
        _connecteam.AddClock(ClockId, "Warehouse");
        _connecteam.AddUser(1, "Ana", "Lopez", AnaEmail);
        _connecteam.AssignUser(ClockId, 1);
        _connecteam.AddUser(2, "Ben", "Ng", "ben.ng@example.test");
        _connecteam.AssignUser(ClockId, 2);
        _connecteam.AddShift(ClockId, 1, "65a0000000000000000000a1", _shiftStartUtc);
        await AddProductionAsync(7);

        var configuration = new Dictionary<string, string>
        {
            ["Data:Folder"] = _dataFolder.FullName,
            ["Database:Provider"] = "MySql",
            ["Database:ServerVersion"] = TestEnvironment.MySqlServerVersion,
            ["ConnectionStrings:Productivity"] = _productivity.ConnectionString,
            ["ConnectionStrings:PodFactory"] = _podFactory.ConnectionString,
            ["Connecteam:ApiKey"] = _connecteam.ApiKey,
            ["Connecteam:BaseUrl"] = _connecteam.BaseUrl,
            ["Seed:AdminEmail"] = AdminEmail,
            ["Seed:AdminPassword"] = Password,
            ["Jobs:Enabled"] = "true",
            ["Jobs:PodFactorySyncSeconds"] = "5",
            ["Jobs:ShiftSyncMinutes"] = "600",
            ["Connecteam:WebhookToken"] = WebhookToken,
        };
        _app = await AppProcess.StartAsync(configuration);
        await TestUsers.CreateInAppAsync(configuration, ManagerEmail, Password, Roles.Manager);

        _context = await browser.NewContextAsync(_app.BaseAddress, Timeout);
        _page = await _context.NewPageAsync();
        SetDefaultExpectTimeout(Timeout);
    }

    [Fact]
    public async Task ClockInWebhook_WhileTheDashboardIsOpen_ShowsThePersonClockedInWithoutAReload()
    {
        await RecordFailureAsync(async () =>
        {
            await LoginForm.SubmitAsync(_page, ManagerEmail, Password);
            await Expect(_page.GetByTestId("dashboard-header")).ToHaveAttributeAsync("data-live", "true");
            var clockedIn = _page.GetByTestId("clocked-in-now");
            await Expect(clockedIn).ToContainTextAsync("Ana Lopez", new LocatorAssertionsToContainTextOptions { Timeout = IngestionTimeout });
            await Expect(clockedIn).Not.ToContainTextAsync("Ben Ng");
            await _page.EvaluateAsync("() => window.__stillTheSamePage = true");

            var clockIn = DateTime.UtcNow.AddSeconds(-5);
            _connecteam!.AddShift(ClockId, 2, "65a0000000000000000000c2", clockIn);
            var at = new DateTimeOffset(clockIn).ToUnixTimeSeconds();
            using var http = new HttpClient { BaseAddress = _app!.BaseAddress };
            var body = string.Create(CultureInfo.InvariantCulture,
                $"{{\"requestId\":\"r-live-1\",\"company\":\"c-1\",\"eventType\":\"clock_in\",\"eventTimestamp\":{at},\"activityType\":\"shift\",\"data\":{{\"userId\":2,\"timeClockId\":{ClockId},\"start\":{{\"timestamp\":{at},\"timezone\":\"America/Chicago\"}}}}}}");
            var posted = DateTime.UtcNow;
            var response = await http.PostAsync($"/webhooks/connecteam/{WebhookToken}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            ((int)response.StatusCode).ShouldBe(202);

            // Well before the 10-hour poll (and before any minute-scale timer): the webhook's re-read did it.
            await Expect(clockedIn).ToContainTextAsync("Ben Ng", new LocatorAssertionsToContainTextOptions { Timeout = 20_000 });
            output.WriteLine($"webhook → DOM: {(DateTime.UtcNow - posted).TotalMilliseconds:0} ms");
            (await _page.EvaluateAsync<bool>("() => window.__stillTheSamePage === true")).ShouldBeTrue("the page was reloaded");
        });
    }

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
        _app?.Dispose();
        if (_connecteam is not null)
        {
            await _connecteam.DisposeAsync();
        }
        foreach (var database in new[] { _productivity, _podFactory })
        {
            if (database is not null)
            {
                await database.DisposeAsync();
            }
        }
        _dataFolder.Delete(recursive: true);
    }

    /// <summary>One report_actions row for Ana: a 10-minute window ending now (inside her shift), created now.</summary>
    private async Task AddProductionAsync(int items)
    {
        var now = DateTime.UtcNow;
        var start = now.AddMinutes(-10) > _shiftStartUtc ? now.AddMinutes(-10) : _shiftStartUtc;
        var id = Interlocked.Increment(ref _nextRowId);
        await _podFactory!.ExecuteAsync(string.Create(CultureInfo.InvariantCulture,
            $"""
            INSERT INTO report_actions (id, user_email, user_name, user_role, action, items_count, window_start, window_end, created_at)
            VALUES ({id}, '{AnaEmail}', 'Ana Lopez', 'Heat Pressing', 'In Production', {items},
                    '{start:yyyy-MM-dd HH:mm:ss}', '{start.AddMinutes(10):yyyy-MM-dd HH:mm:ss}', '{now:yyyy-MM-dd HH:mm:ss}')
            """));
    }

    private Task RecordFailureAsync(Func<Task> test) =>
        BrowserFailure.RecordAsync(output, nameof(WebhookClockInLiveTests), test, [("page", _page)], [("app", _app)]);
}
