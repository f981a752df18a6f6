using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Productivity.Core.Security;
using Productivity.Tests.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Productivity.Tests.Web.Browser;

/// <summary>
/// In Chromium against the real app: a Lead has the dashboard open (its circuit lives all day); an Admin disables the
/// Lead in another browser; the Lead's very next action finds the page signed out. The circuits' timed revalidation is
/// set to ten minutes here, so only the per-action check can end the page within the test's time.
/// </summary>
[Collection(BrowserFixture.Collection)]
[Trait("Category", "Browser")]
public sealed class RevokedUserNextActionTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private const string LeadEmail = "lead@example.test";
    private const string LeadPassword = "Lead-Password-2025!";
    private const float Timeout = 30_000;

    private readonly DirectoryInfo _dataFolder = Directory.CreateTempSubdirectory("productivity-revoke-");
    private AppProcess? _app;
    private IBrowserContext? _adminContext;
    private IBrowserContext? _leadContext;
    private IPage _admin = default!;
    private IPage _lead = default!;

    public async Task InitializeAsync()
    {
        // The database (the seeded Admin and a Lead with a password of their own) is made before the app starts.
        await using (var host = await TestHost.StartAsync("Sqlite", TestHost.DatabaseSettings("Sqlite", _dataFolder.FullName, null)))
        {
            await TestUsers.CreateAsync(host.Services, LeadEmail, LeadPassword, Roles.Lead);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _app = await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["Data__Folder"] = _dataFolder.FullName,
            ["Jobs__Enabled"] = "false",
            ["Security__RevalidationSeconds"] = "600",
        });
        _adminContext = await browser.NewContextAsync(_app.BaseAddress, Timeout);
        _leadContext = await browser.NewContextAsync(_app.BaseAddress, Timeout);
        _admin = await _adminContext.NewPageAsync();
        _lead = await _leadContext.NewPageAsync();
        SetDefaultExpectTimeout(Timeout);
    }

    [Fact]
    public async Task DisabledLead_OpenDashboard_NextActionEndsThePage()
    {
        await RecordFailureAsync(async () =>
        {
            await LoginForm.SubmitAsync(_lead, LeadEmail, LeadPassword);
            await Expect(_lead.GetByTestId("dashboard-header")).ToHaveAttributeAsync("data-live", "true");

            await LoginForm.SubmitAsync(_admin, TestHost.AdminEmail, TestHost.AdminPassword);
            await Expect(_admin.GetByTestId("dashboard-title")).ToBeVisibleAsync();
            await _admin.GotoAsync("/admin/users");
            await Expect(_admin.GetByTestId("users-grid")).ToContainTextAsync(LeadEmail);
            var disable = _admin.GetByRole(AriaRole.Menuitem, new PageGetByRoleOptions { Name = "Disable", Exact = true });
            await Interactivity.ClickUntilVisibleAsync(_admin.GetByTestId($"actions-{LeadEmail}").GetByRole(AriaRole.Button), disable, Timeout);
            await disable.ClickAsync();
            await Expect(_admin.GetByRole(AriaRole.Row).Filter(new LocatorFilterOptions { HasText = LeadEmail })).ToContainTextAsync("Disabled");
            var disabled = Stopwatch.StartNew();

            await _lead.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Employees", Exact = true }).ClickAsync();

            await Expect(_lead).ToHaveURLAsync(new Regex("/Account/Login"));
            disabled.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
            await Expect(_lead.GetByTestId("employees-grid")).ToHaveCountAsync(0);
        });
    }

    public async Task DisposeAsync()
    {
        foreach (var context in new[] { _adminContext, _leadContext })
        {
            if (context is not null)
            {
                await context.DisposeAsync();
            }
        }
        _app?.Dispose();
        _dataFolder.Delete(recursive: true);
    }

    private Task RecordFailureAsync(Func<Task> test) =>
        BrowserFailure.RecordAsync(output, nameof(RevokedUserNextActionTests), test, [("admin", _admin), ("lead", _lead)], [("app", _app)]);
}
