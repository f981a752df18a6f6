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
    public const string AdminEmail = "admin@example.test";

    private static readonly SiteClock Site = new(TimeZoneInfo.FindSystemTimeZoneById("America/Chicago"));

    private readonly BrowserSite _browserSite = new("productivity-dashboard-");
    private MySqlTestDatabase? _productivity;
    private MySqlTestDatabase? _podFactory;
    private DateTime _shiftStartUtc;
    private long _nextRowId;
    private Dictionary<string, string> _configuration = [];
    private readonly List<IBrowserContext> _secondContexts = [];

    private LiveSite()
    {
    }

    public FakeConnecteamServer Connecteam { get; private set; } = default!;
    public AppProcess App => _browserSite.App!;
    public IPage Page => _browserSite.Page;

    /// <summary>The app's own database, for arranging what an Admin screen would and for reading what the app wrote.</summary>
    public MySqlTestDatabase Database => _productivity!;

    /// <param name="settings">Configuration beside the common one, e.g. the shift poll's interval.</param>
    /// <param name="connecteam">More people or shifts in Connecteam before the app starts.</param>
    /// <param name="firstRowEndedAgo">How long before the start Ana's first window ended (she has been idle since).</param>
    public static async Task<LiveSite> StartAsync(BrowserFixture browser, IReadOnlyDictionary<string, string> settings,
        Action<FakeConnecteamServer>? connecteam = null, TimeSpan firstRowEndedAgo = default)
    {
        var site = new LiveSite();
        try
        {
            await site.InitializeAsync(browser, settings, connecteam, firstRowEndedAgo);
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
    public Task AddProductionAsync(int items) => AddProductionAsync(items, AnaEmail, "Ana Lopez");

    /// <summary>
    /// One report_actions row created now: a 10-minute window ending <paramref name="endedAgo"/> before now, but never
    /// starting before the shift (so it ends at least 10 minutes into it).
    /// </summary>
    public async Task AddProductionAsync(int items, string email, string name, TimeSpan endedAgo = default)
    {
        var now = DateTime.UtcNow;
        var start = now - endedAgo - TimeSpan.FromMinutes(10);
        start = start > _shiftStartUtc ? start : _shiftStartUtc;
        var id = Interlocked.Increment(ref _nextRowId);
        await ReportActionsTable.InsertAsync(_podFactory!.ConnectionString,
            [new ReportAction(id, email, name, "Heat Pressing", "In Production", items, start, start.AddMinutes(10), now)]);
    }

    /// <summary>An account in the running app (its password is <see cref="Password"/>).</summary>
    public Task CreateUserAsync(string email, params string[] roles) => TestUsers.CreateInAppAsync(_configuration, email, Password, roles);

    /// <summary>Another browser context and page on the app: a second person at another computer.</summary>
    public async Task<IPage> OpenSecondPageAsync(BrowserFixture browser)
    {
        var context = await browser.NewContextAsync(App.BaseAddress, Timeout);
        _secondContexts.Add(context);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _secondContexts)
        {
            await context.DisposeAsync();
        }
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

    private async Task InitializeAsync(BrowserFixture browser, IReadOnlyDictionary<string, string> settings, Action<FakeConnecteamServer>? connecteam,
        TimeSpan firstRowEndedAgo)
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
        await AddProductionAsync(7, AnaEmail, "Ana Lopez", firstRowEndedAgo);

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
        _configuration = configuration;
        await TestUsers.CreateInAppAsync(configuration, ManagerEmail, Password, Roles.Manager);
    }
}
