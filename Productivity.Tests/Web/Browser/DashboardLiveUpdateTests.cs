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
/// The live dashboard in Chromium against the real app on MariaDB, fed through the real ingestion path: Connecteam is the
/// fake HTTP server, PodFactory a report_actions table in MariaDB, and the app's own Quartz jobs sync them (PodFactory
/// every 5 s). A Manager keeps the dashboard open while new production rows arrive; the numbers change without a reload.
/// </summary>
[Collection(BrowserFixture.Collection)]
[Trait("Category", "Browser")]
public sealed class DashboardLiveUpdateTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private const string AdminEmail = "admin@example.test";
    private const string ManagerEmail = "manager@example.test";
    private const string Password = "Dashboard-Live-2025!";
    private const string AnaEmail = "ana.lopez@example.test";
    private const long ClockId = 4242;
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
            ["Jobs:ShiftSyncMinutes"] = "1",
        };
        _app = await AppProcess.StartAsync(configuration);
        await TestUsers.CreateInAppAsync(configuration, ManagerEmail, Password, Roles.Manager);

        _context = await browser.NewContextAsync(_app.BaseAddress, Timeout);
        _page = await _context.NewPageAsync();
        SetDefaultExpectTimeout(Timeout);
    }

    [Fact]
    public async Task NewProductionRows_WhileTheDashboardIsOpen_AppearWithoutAReload()
    {
        await RecordFailureAsync(async () =>
        {
            await LoginForm.SubmitAsync(_page, ManagerEmail, Password);
            await Expect(_page.GetByTestId("dashboard-header")).ToHaveAttributeAsync("data-live", "true");

            var items = AnaCell("Items");
            await Expect(items).ToHaveTextAsync("7", new LocatorAssertionsToHaveTextOptions { Timeout = IngestionTimeout });
            await Expect(AnaRow().GetByTestId("clocked-in-dot")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = IngestionTimeout });
            await Expect(_page.GetByTestId("kpi-items-value")).ToHaveTextAsync("7");
            // A marker that a reload (or a navigation) would wipe out.
            await _page.EvaluateAsync("() => window.__stillTheSamePage = true");

            await AddProductionAsync(13);
            await AddProductionAsync(30);

            await Expect(items).ToHaveTextAsync("50", new LocatorAssertionsToHaveTextOptions { Timeout = 60_000 });
            await Expect(_page.GetByTestId("kpi-items-value")).ToHaveTextAsync("50");
            (await _page.EvaluateAsync<bool>("() => window.__stillTheSamePage === true")).ShouldBeTrue("the page was reloaded");

            // Ana starts a break: the time clock closes her shift and opens the break. At the next shift sync (every
            // minute here) she is still clocked in, shown on the break, without a reload.
            _connecteam!.AddBreak(ClockId, 1, "65a0000000000000000000b1", DateTime.UtcNow.AddSeconds(-5));
            var onBreak = _page.GetByTestId("clocked-in-now").GetByTestId("on-break");
            // The break type's name comes from the clock's manual-break settings (the fake's "brk-lunch" is "Lunch").
            await Expect(onBreak).ToContainTextAsync("On Lunch since", new LocatorAssertionsToContainTextOptions { Timeout = 150_000 });
            await Expect(_page.GetByTestId("clocked-in-person")).ToContainTextAsync("Ana Lopez");
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

    private ILocator AnaRow() =>
        _page.GetByTestId("score-table").Locator("tbody tr").Filter(new LocatorFilterOptions { HasText = "Ana Lopez" });

    private ILocator AnaCell(string column) => AnaRow().Locator($"td[data-label='{column}']");

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
        BrowserFailure.RecordAsync(output, nameof(DashboardLiveUpdateTests), test, [("page", _page)], [("app", _app)]);
}
