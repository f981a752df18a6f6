using Microsoft.Playwright;
using Productivity.Core.Security;
using Productivity.Core.Time;
using Productivity.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace Productivity.Tests.Web.Browser;

/// <summary>
/// The app as in production for a live-day browser test: MariaDB, its own Quartz jobs (PodFactory every 5 s), Connecteam
/// the fake HTTP server with Ana clocked in on one clock, PodFactory a <c>report_actions</c> table in MariaDB holding one
/// row of hers (7 items), a Manager account and a browser page. Everything it starts goes on dispose.
/// </summary>
public sealed class LiveSite : IAsyncDisposable
{
    public const string ManagerEmail = "manager@example.test";
    public const string Password = "Dashboard-Live-2025!";
    public const string AnaEmail = "ana.lopez@example.test";
    public const long ClockId = 4242;
    public const float Timeout = 30_000;
    private const string AdminEmail = "admin@example.test";

    private static readonly SiteClock Site = new(TimeZoneInfo.FindSystemTimeZoneById("America/Chicago"));

    private readonly BrowserSite _browserSite = new("productivity-dashboard-");
    private MySqlTestDatabase? _productivity;
    private MySqlTestDatabase? _podFactory;
    private DateTime _shiftStartUtc;
    private long _nextRowId;

    private LiveSite()
    {
    }

    public FakeConnecteamServer Connecteam { get; private set; } = default!;
    public AppProcess App => _browserSite.App!;
    public IPage Page => _browserSite.Page;

    /// <param name="settings">Configuration beside the common one, e.g. the shift poll's interval.</param>
    /// <param name="connecteam">More people or shifts in Connecteam before the app starts.</param>
    public static async Task<LiveSite> StartAsync(BrowserFixture browser, IReadOnlyDictionary<string, string> settings,
        Action<FakeConnecteamServer>? connecteam = null)
    {
        var site = new LiveSite();
        try
        {
            await site.InitializeAsync(browser, settings, connecteam);
            return site;
        }
        catch
        {
            await site.DisposeAsync();
            throw;
        }
    }

    /// <summary>Signs the Manager in; the dashboard is open and live when this returns.</summary>
    public async Task OpenDashboardAsync()
    {
        await LoginForm.SubmitAsync(Page, ManagerEmail, Password);
        await Expect(Page.GetByTestId("dashboard-header")).ToHaveAttributeAsync("data-live", "true");
    }

    /// <summary>One report_actions row for Ana: a 10-minute window ending now (inside her shift), created now.</summary>
    public async Task AddProductionAsync(int items)
    {
        var now = DateTime.UtcNow;
        var start = now.AddMinutes(-10) > _shiftStartUtc ? now.AddMinutes(-10) : _shiftStartUtc;
        var id = Interlocked.Increment(ref _nextRowId);
        await ReportActionsTable.InsertAsync(_podFactory!.ConnectionString,
            [new ReportAction(id, AnaEmail, "Ana Lopez", "Heat Pressing", "In Production", items, start, start.AddMinutes(10), now)]);
    }

    public async ValueTask DisposeAsync()
    {
        await _browserSite.DisposeAsync();
        if (Connecteam is not null)
        {
            await Connecteam.DisposeAsync();
        }
        foreach (var database in new[] { _productivity, _podFactory })
        {
            if (database is not null)
            {
                await database.DisposeAsync();
            }
        }
    }

    private async Task InitializeAsync(BrowserFixture browser, IReadOnlyDictionary<string, string> settings, Action<FakeConnecteamServer>? connecteam)
    {
        _productivity = await MySqlTestDatabase.CreateAsync();
        _podFactory = await MySqlTestDatabase.CreateAsync();
        await _podFactory.ExecuteAsync(ReportActionsTable.CreateTable);

        // Clocked in two hours ago, but never before today's local midnight, so that everything is on today's dashboard.
        var now = DateTime.UtcNow;
        var midnight = Site.UtcRangeOf(Site.BusinessDayOf(now)).StartUtc;
        _shiftStartUtc = now.AddHours(-2) > midnight ? now.AddHours(-2) : midnight.AddMinutes(1);
        Connecteam = await FakeConnecteamServer.StartAsync();
        Connecteam.AddClock(ClockId, "Warehouse");
        Connecteam.AddUser(1, "Ana", "Lopez", AnaEmail);
        Connecteam.AssignUser(ClockId, 1);
        connecteam?.Invoke(Connecteam);
        Connecteam.AddShift(ClockId, 1, "65a0000000000000000000a1", _shiftStartUtc);
        await AddProductionAsync(7);

        var configuration = new Dictionary<string, string>
        {
            ["Data:Folder"] = _browserSite.DataFolder.FullName,
            ["Database:Provider"] = "MySql",
            ["Database:ServerVersion"] = TestEnvironment.MySqlServerVersion,
            ["ConnectionStrings:Productivity"] = _productivity.ConnectionString,
            ["ConnectionStrings:PodFactory"] = _podFactory.ConnectionString,
            ["Connecteam:ApiKey"] = Connecteam.ApiKey,
            ["Connecteam:BaseUrl"] = Connecteam.BaseUrl,
            ["Seed:AdminEmail"] = AdminEmail,
            ["Seed:AdminPassword"] = Password,
            ["Jobs:Enabled"] = "true",
            ["Jobs:PodFactorySyncSeconds"] = "5",
        };
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }
        await _browserSite.StartAsync(browser, configuration, Timeout);
        await TestUsers.CreateInAppAsync(configuration, ManagerEmail, Password, Roles.Manager);
    }
}
