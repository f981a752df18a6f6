using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Productivity.Tests.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Productivity.Tests.Web.Browser;

/// <summary>
/// The whole first-user journey in Chromium against the real app: the seeded Admin creates a Manager, the Manager must
/// change the generated password, then sees the dashboard but not the Admin pages.
/// </summary>
[Collection(BrowserFixture.Collection)]
[Trait("Category", "Browser")]
public sealed class AdminCreatesManagerTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private const string AdminEmail = "admin@example.test";
    private const string AdminPassword = "Admin-Password-2025!";
    private const string ManagerEmail = "manager@example.test";
    private const string ManagerPassword = "Manager-Chosen-2025!";
    // The first Blazor circuit on a 2-core machine can take a while; static pages are quick.
    private const float Timeout = 30_000;

    private readonly DirectoryInfo _dataFolder = Directory.CreateTempSubdirectory("productivity-browser-");
    private AppProcess? _app;
    private IBrowserContext? _context;
    private IPage _page = default!;

    public async Task InitializeAsync()
    {
        _app = await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["Data__Folder"] = _dataFolder.FullName,
            ["Seed__AdminEmail"] = AdminEmail,
            ["Seed__AdminPassword"] = AdminPassword,
            ["Jobs__Enabled"] = "false",
        });
        _context = await browser.NewContextAsync(_app.BaseAddress, Timeout);
        _page = await _context.NewPageAsync();
        SetDefaultExpectTimeout(Timeout);
    }

    [Fact]
    public async Task NewManager_FirstSignIn_MustChangePasswordAndCannotOpenAdminPages()
    {
        await RecordFailureAsync(async () =>
        {
            await LoginForm.SubmitAsync(_page, AdminEmail, AdminPassword);
            await Expect(_page.GetByTestId("dashboard-title")).ToBeVisibleAsync();

            await Expect(_page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Users", Exact = true })).ToBeVisibleAsync();
            // Load Admin → Users directly: a nav-link click while the dashboard's circuit was still starting once changed
            // the URL but left the dashboard on screen.
            await _page.GotoAsync("/admin/users");
            await Expect(_page.GetByTestId("users-grid")).ToContainTextAsync(AdminEmail);
            // The page is prerendered: the button only opens the dialog once the circuit is interactive.
            await Interactivity.ClickUntilVisibleAsync(_page.GetByTestId("new-user"), _page.GetByTestId("new-user-email"), Timeout);
            await _page.GetByTestId("new-user-email").FillAsync(ManagerEmail);
            await _page.GetByTestId("new-user-email").PressAsync("Tab");
            await _page.GetByTestId("role-Manager").SetCheckedAsync(true, new LocatorSetCheckedOptions { Force = true });
            await Expect(_page.GetByTestId("role-Manager")).ToBeCheckedAsync();
            await _page.GetByTestId("new-user-create").ClickAsync();
            var generated = _page.GetByTestId("generated-password");
            await Expect(generated).ToBeVisibleAsync();
            var password = (await generated.InnerTextAsync()).Trim();
            password.ShouldNotBeNullOrWhiteSpace();
            await _page.GetByTestId("password-done").ClickAsync();
            await Expect(generated).ToHaveCountAsync(0);
            await Expect(_page.GetByRole(AriaRole.Row).Filter(new LocatorFilterOptions { HasText = ManagerEmail }))
                .ToContainTextAsync("Must change password");

            await _page.GotoAsync("/Account/Logout");
            await _page.GetByTestId("logout-submit").ClickAsync();
            await Expect(_page).ToHaveURLAsync(new Regex("/Account/Login"));

            await LoginForm.SubmitAsync(_page, ManagerEmail, password);
            await Expect(_page.GetByTestId("must-change")).ToBeVisibleAsync();
            await _page.GetByLabel("Current password", new PageGetByLabelOptions { Exact = true }).FillAsync(password);
            await _page.GetByLabel("New password", new PageGetByLabelOptions { Exact = true }).FillAsync(ManagerPassword);
            await _page.GetByLabel("Confirm new password", new PageGetByLabelOptions { Exact = true }).FillAsync(ManagerPassword);
            await _page.GetByTestId("change-password-submit").ClickAsync();
            await Expect(_page.GetByTestId("dashboard-title")).ToBeVisibleAsync();

            await _page.GotoAsync("/admin/users");
            await Expect(_page).ToHaveURLAsync(new Regex("/Account/AccessDenied"));
            await Expect(_page.GetByTestId("access-denied")).ToBeVisibleAsync();
        });
    }

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
        _app?.Dispose();
        _dataFolder.Delete(recursive: true);
    }

    /// <summary>On failure saves a full-page screenshot next to the test assembly and writes the app's output to the test log.</summary>
    private Task RecordFailureAsync(Func<Task> test) =>
        BrowserFailure.RecordAsync(output, nameof(AdminCreatesManagerTests), test, [("page", _page)], [("app", _app)]);
}
