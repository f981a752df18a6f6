using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MySqlConnector;
using Productivity.Core.Employees;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Sync;
using Productivity.Tests.Infrastructure.Integrations;
using Productivity.Tests.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Productivity.Tests.Web.Browser;

/// <summary>
/// Two real app processes on different ports sharing one MariaDB database and one Redis, as behind a proxy with sticky
/// sessions. (1) A PodFactory row arrives, node A's sync job (the only node running jobs) ingests and rescores it, and
/// the shop-floor page open on node B shows the new numbers without a reload. (2) With two job-running nodes in the
/// Quartz cluster, the PodFactory sync fires once per period across both, not once per node.
/// </summary>
[Collection(BrowserFixture.Collection)]
[Trait("Category", "MySql")]
[Trait("Category", "Browser")]
public sealed class TwoNodeTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private const string AdminEmail = "admin@example.test";
    private const string AdminPassword = "Admin-Password-2025!";
    private const string Email = "ana.lopez@example.test";
    private const int SyncSeconds = 2;
    private const float Timeout = 30_000;

    private MySqlTestDatabase _database = null!;
    private MySqlTestDatabase _podFactory = null!;
    private AppProcess? _nodeA;
    private AppProcess? _nodeB;
    private IBrowserContext? _context;
    private IPage _page = default!;

    public async Task InitializeAsync()
    {
        _database = await MySqlTestDatabase.CreateAsync();
        _podFactory = await MySqlTestDatabase.CreateAsync();
        await ExecuteAsync(_podFactory.ConnectionString, ReportActionsTable.CreateTable);
        SetDefaultExpectTimeout(Timeout);
    }

    [Fact]
    public async Task RecomputeOnNodeA_UpdatesFloorOnNodeB_AndJobsFireOncePerPeriodAcrossNodes()
    {
        var starting = Stopwatch.StartNew();
        // Node A migrates the shared database first; B starts once the schema is there.
        _nodeA = await AppProcess.StartAsync(Configuration(jobs: true));
        _nodeB = await AppProcess.StartAsync(Configuration(jobs: false));
        output.WriteLine($"Two nodes up after {starting.Elapsed.TotalSeconds:0.0} s");
        await RecordFailureAsync(async () =>
        {
            var ana = await AddMappedEmployeeAsync("Ana Lopez", Email);
            _context = await browser.NewContextAsync(_nodeB.BaseAddress, Timeout);
            _page = await _context.NewPageAsync();
            await LoginForm.SubmitAsync(_page, AdminEmail, AdminPassword);
            await Expect(_page.GetByTestId("dashboard-title")).ToBeVisibleAsync();
            await _page.GotoAsync("/floor");
            await Expect(_page.GetByTestId("floor-header")).ToHaveAttributeAsync("data-live", "true");
            await Expect(_page.Locator($"[data-testid=floor-row][data-employee='{ana}']")).ToHaveCountAsync(0);

            var now = DateTime.UtcNow;
            await ExecuteAsync(_podFactory.ConnectionString, string.Create(CultureInfo.InvariantCulture,
                $"INSERT INTO report_actions (user_email, user_name, user_role, action, items_count, window_start, window_end, created_at) VALUES ('{Email}', 'Ana Lopez', 'Picker', 'Picking', 37, '{now.AddMinutes(-12):yyyy-MM-dd HH:mm:ss}', '{now.AddMinutes(-2):yyyy-MM-dd HH:mm:ss}', '{now:yyyy-MM-dd HH:mm:ss}')"));
            var pushed = Stopwatch.StartNew();

            var row = _page.Locator($"[data-testid=floor-row][data-employee='{ana}']");
            await Expect(row.GetByTestId("floor-items")).ToHaveTextAsync("37");
            await Expect(row.GetByTestId("floor-stations")).ToHaveTextAsync("Picking 37");
            output.WriteLine($"Row on node B {pushed.Elapsed.TotalSeconds:0.0} s after it was written to PodFactory (sync every {SyncSeconds} s)");
            (await CountAsync("SELECT COUNT(*) FROM sync_runs WHERE Job = 'podfactory'")).ShouldBeGreaterThan(0);

            _nodeB.Dispose();
            _nodeB = await AppProcess.StartAsync(Configuration(jobs: true));
            await WaitForClusterMembersAsync(2);
            // Let both schedulers settle, then count the firings of a window.
            await Task.Delay(TimeSpan.FromSeconds(SyncSeconds * 2));
            // Polls that find nothing write no sync_runs row, so the firings are counted by the job's poll counter.
            var polls = $"SELECT Polls FROM sync_polls WHERE Job = '{SyncJobs.PodFactory}'";
            var from = DateTime.UtcNow;
            var before = await CountAsync(polls);
            var window = TimeSpan.FromSeconds(SyncSeconds * 10);
            await Task.Delay(window);
            var runs = await CountAsync(polls) - before;
            output.WriteLine($"{runs} PodFactory polls in {window.TotalSeconds:0} s with two job nodes (period {SyncSeconds} s), from {from:HH:mm:ss.fff}");
            output.WriteLine(await ListAsync($"SELECT StartedUtc FROM sync_runs WHERE Job = '{SyncJobs.PodFactory}' ORDER BY Id"));
            output.WriteLine(await ListAsync("SELECT CONCAT(TRIGGER_NAME, ' ', TRIGGER_STATE, ' ', START_TIME) FROM QRTZ_TRIGGERS"));
            var periods = (long)(window.TotalSeconds / SyncSeconds);
            runs.ShouldBeInRange(periods - 3, periods + 1);
        });
    }

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
        _nodeA?.Dispose();
        _nodeB?.Dispose();
        await _database.DisposeAsync();
        await _podFactory.DisposeAsync();
    }

    private Dictionary<string, string> Configuration(bool jobs) => new()
    {
        ["Database__Provider"] = "MySql",
        ["Database__ServerVersion"] = TestEnvironment.MySqlServerVersion,
        ["ConnectionStrings__Productivity"] = _database.ConnectionString,
        ["ConnectionStrings__Redis"] = TestEnvironment.Redis,
        ["ConnectionStrings__PodFactory"] = _podFactory.ConnectionString,
        ["Seed__AdminEmail"] = AdminEmail,
        ["Seed__AdminPassword"] = AdminPassword,
        ["Jobs__Enabled"] = jobs ? "true" : "false",
        ["Jobs__PodFactorySyncSeconds"] = SyncSeconds.ToString(CultureInfo.InvariantCulture),
        ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
        ["Logging__LogLevel__Quartz"] = "Information",
    };

    private async Task<int> AddMappedEmployeeAsync(string name, string email)
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
        return employee.Id;
    }

    private async Task WaitForClusterMembersAsync(int nodes)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await CountAsync("SELECT COUNT(*) FROM QRTZ_SCHEDULER_STATE") < nodes)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, $"{nodes} Quartz nodes never checked in");
            await Task.Delay(250);
        }
    }

    private async Task<string> ListAsync(string sql)
    {
        await using var connection = new MySqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        }
        return string.Join(" | ", values);
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new MySqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private Task RecordFailureAsync(Func<Task> test) =>
        BrowserFailure.RecordAsync(output, nameof(TwoNodeTests), test, [("node-b", _context is null ? null : _page)], [("node A", _nodeA), ("node B", _nodeB)]);
}
