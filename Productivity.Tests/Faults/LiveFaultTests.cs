using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Productivity.Core.Employees;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Sync;
using Productivity.Tests.TestSupport;
using Productivity.Tests.Web.Browser;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Productivity.Tests.Faults;

/// <summary>
/// Redis stopped while two app nodes push live updates, then started again (with the snapshot it saved on the way down,
/// as a production Redis with persistence comes back). Node A runs the jobs, node B does not; a Manager dashboard is
/// open on each. While Redis is down both nodes report Degraded, a PodFactory row arrives and node A ingests it; once
/// Redis is back both report Healthy, both open dashboards show the new numbers without a reload, and the relay carries
/// the next update to both again. Nothing is lost: every row is stored once and the score counts every item.
/// Its own Chromium (not the shared browser collection), so it runs beside the other scenarios.
/// </summary>
[Trait("Category", "Faults")]
[Trait("Category", "MySql")]
[Trait("Category", "Browser")]
public sealed class LiveFaultTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string AdminEmail = "admin@example.test";
    private const string AdminPassword = "Admin-Password-2025!";
    private const string Email = "ana.lopez@example.test";
    private const int SyncSeconds = 2;
    private const float Timeout = 30_000;

    private PrivateRedis _redis = null!;
    private MySqlTestDatabase _database = null!;
    private MySqlTestDatabase _podFactory = null!;
    private AppProcess? _nodeA;
    private AppProcess? _nodeB;
    private IBrowserContext? _contextA;
    private IBrowserContext? _contextB;
    private IPage? _pageA;
    private IPage? _pageB;
    private long _nextRow;

    public async Task InitializeAsync()
    {
        _redis = await PrivateRedis.StartAsync();
        _database = await MySqlTestDatabase.CreateAsync();
        _podFactory = await MySqlTestDatabase.CreateAsync();
        await _podFactory.ExecuteAsync(ReportActionsTable.CreateTable);
        SetDefaultExpectTimeout(Timeout);
    }

    [Fact]
    public async Task RedisStoppedDuringLivePushes_OnTwoNodes_DashboardsCatchUpWithoutAReload()
    {
        var scenario = Stopwatch.StartNew();
        _nodeA = await AppProcess.StartAsync(Configuration(jobs: true));
        _nodeB = await AppProcess.StartAsync(Configuration(jobs: false));
        await RecordFailureAsync(async () =>
        {
            await AddMappedEmployeeAsync("Ana Lopez", Email);
            await AddRowAsync(7);
            (_contextA, _pageA) = await OpenDashboardAsync(_nodeA);
            (_contextB, _pageB) = await OpenDashboardAsync(_nodeB);
            await ExpectItemsAsync("7");
            (await FaultProbe.ReadinessAsync(_nodeA.BaseAddress)).ShouldBe("Healthy");

            await _redis.StopAsync();
            var down = Stopwatch.StartNew();
            await FaultProbe.WaitUntilAsync(async () => await FaultProbe.ReadinessAsync(_nodeA.BaseAddress) == "Degraded"
                && await FaultProbe.ReadinessAsync(_nodeB.BaseAddress) == "Degraded", TimeSpan.FromSeconds(30), "both nodes Degraded");
            output.WriteLine($"Both nodes Degraded {down.Elapsed.TotalSeconds:0.0} s after Redis stopped");

            // New data while Redis is down: node A's job ingests it and recomputes; node A's own page hears it directly.
            await AddRowAsync(13);
            await FaultProbe.WaitUntilAsync(async () => await ItemsStoredAsync() == 20, TimeSpan.FromSeconds(60), "the row ingested while Redis is down");
            await Expect(_pageA.GetByTestId("kpi-items-value")).ToHaveTextAsync("20");
            output.WriteLine($"Node B while Redis is down shows {await _pageB.GetByTestId("kpi-items-value").TextContentAsync()} items");

            await _redis.StartAgainAsync();
            var restored = DateTime.UtcNow;
            var back = Stopwatch.StartNew();
            var firstSync = await FaultProbe.WaitUntilAsync(async () => await FaultProbe.ScalarAsync(_database.ConnectionString,
                $"SELECT COUNT(*) FROM sync_polls WHERE Job = '{SyncJobs.PodFactory}' AND PolledUtc > '{FaultProbe.Sql(restored)}'") > 0,
                TimeSpan.FromSeconds(30), "a successful PodFactory poll after Redis came back");
            await ExpectItemsAsync("20");
            var current = back.Elapsed;
            await FaultProbe.WaitUntilAsync(async () => await FaultProbe.ReadinessAsync(_nodeA.BaseAddress) == "Healthy"
                && await FaultProbe.ReadinessAsync(_nodeB.BaseAddress) == "Healthy", TimeSpan.FromSeconds(30), "both nodes Healthy again");
            var healthy = back.Elapsed;
            output.WriteLine($"Redis back → first successful sync {firstSync.TotalSeconds:0.0} s, → both dashboards current {current.TotalSeconds:0.0} s, → both Healthy {healthy.TotalSeconds:0.0} s");

            // The relay works again: the next update reaches both pages.
            await AddRowAsync(30);
            await ExpectItemsAsync("50");

            foreach (var page in new[] { _pageA, _pageB })
            {
                (await page.EvaluateAsync<bool>("() => window.__stillTheSamePage === true")).ShouldBeTrue("a dashboard was reloaded");
            }
            (await FaultProbe.ScalarAsync(_database.ConnectionString, "SELECT COUNT(*) FROM activities")).ShouldBe(3);
            (await ItemsStoredAsync()).ShouldBe(50);
            (await FaultProbe.ScalarAsync(_database.ConnectionString,
                $"SELECT COUNT(*) FROM sync_runs WHERE Job = '{SyncJobs.PodFactory}' AND (Status = 'Running' OR (Status = 'Failed' AND Error IS NULL))")).ShouldBe(0);
            output.WriteLine($"Scenario wall time {scenario.Elapsed.TotalSeconds:0.0} s");
        });
    }

    public async Task DisposeAsync()
    {
        foreach (var context in new[] { _contextA, _contextB })
        {
            if (context is not null)
            {
                await context.DisposeAsync();
            }
        }
        _nodeA?.Dispose();
        _nodeB?.Dispose();
        await _redis.DisposeAsync();
        await _database.DisposeAsync();
        await _podFactory.DisposeAsync();
    }

    private async Task<(IBrowserContext, IPage)> OpenDashboardAsync(AppProcess node)
    {
        var context = await browser.NewContextAsync(node.BaseAddress, Timeout);
        var page = await context.NewPageAsync();
        await LoginForm.SubmitAsync(page, AdminEmail, AdminPassword);
        await Expect(page.GetByTestId("dashboard-header")).ToHaveAttributeAsync("data-live", "true");
        // A marker that a reload (or a navigation) would wipe out.
        await page.EvaluateAsync("() => window.__stillTheSamePage = true");
        return (context, page);
    }

    private async Task ExpectItemsAsync(string items)
    {
        await Expect(_pageA!.GetByTestId("kpi-items-value")).ToHaveTextAsync(items);
        await Expect(_pageB!.GetByTestId("kpi-items-value")).ToHaveTextAsync(items);
    }

    private Task<long> ItemsStoredAsync() =>
        FaultProbe.ScalarAsync(_database.ConnectionString, "SELECT COALESCE(SUM(ItemsCount), 0) FROM activities");

    private async Task AddRowAsync(int items)
    {
        var now = DateTime.UtcNow;
        await ReportActionsTable.InsertAsync(_podFactory.ConnectionString,
            [new ReportAction(++_nextRow, Email, "Ana Lopez", "Picker", "Picking", items, now.AddMinutes(-12), now.AddMinutes(-2), now)]);
    }

    private Dictionary<string, string> Configuration(bool jobs) => new()
    {
        ["Database__Provider"] = "MySql",
        ["Database__ServerVersion"] = TestEnvironment.MySqlServerVersion,
        ["ConnectionStrings__Productivity"] = _database.ConnectionString,
        ["ConnectionStrings__Redis"] = _redis.ConnectionString,
        ["ConnectionStrings__PodFactory"] = _podFactory.ConnectionString,
        ["Seed__AdminEmail"] = AdminEmail,
        ["Seed__AdminPassword"] = AdminPassword,
        ["Jobs__Enabled"] = jobs ? "true" : "false",
        ["Jobs__PodFactorySyncSeconds"] = SyncSeconds.ToString(CultureInfo.InvariantCulture),
        ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
    };

    private async Task AddMappedEmployeeAsync(string name, string email)
    {
        var options = new DbContextOptionsBuilder<MySqlProductivityDbContext>()
            .UseMySql(_database.ConnectionString, ServerVersion.Parse(TestEnvironment.MySqlServerVersion)).Options;
        await using var db = new MySqlProductivityDbContext(options);
        var now = DateTime.UtcNow;
        var employee = new Employee { Name = name, Email = email, CreatedUtc = now, UpdatedUtc = now };
        db.Employees.Add(employee);
        await db.SaveChangesAsync();
        db.EmployeeEmails.Add(new EmployeeEmail
        {
            EmployeeId = employee.Id, Email = email, IsVerified = true, Source = MappingSources.Manual, CreatedUtc = now, VerifiedUtc = now,
        });
        await db.SaveChangesAsync();
    }

    private Task RecordFailureAsync(Func<Task> test) =>
        BrowserFailure.RecordAsync(output, nameof(LiveFaultTests), test, [("node-a", _pageA), ("node-b", _pageB)], [("node A", _nodeA), ("node B", _nodeB)]);
}
