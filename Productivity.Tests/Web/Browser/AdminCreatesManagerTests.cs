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

    private readonly BrowserSite _site = new("productivity-browser-");

    public async Task InitializeAsync()
    {
        await _site.StartAsync(browser, new Dictionary<string, string>
        {
            ["Seed__AdminEmail"] = AdminEmail,
            ["Seed__AdminPassword"] = AdminPassword,
            ["Jobs__Enabled"] = "false",
        }, Timeout);
        SetDefaultExpectTimeout(Timeout);
    }

    [Fact]
    public async Task NewManager_FirstSignIn_MustChangePasswordAndCannotOpenAdminPages()
    {
        await RecordFailureAsync(async () =>
        {
            await LoginForm.SubmitAsync(Page, AdminEmail, AdminPassword);
            await Expect(Page.GetByTestId("dashboard-title")).ToBeVisibleAsync();

            await Expect(Page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Users", Exact = true })).ToBeVisibleAsync();
            // Load Admin → Users directly: a nav-link click while the dashboard's circuit was still starting once changed
            // the URL but left the dashboard on screen.
            await Page.GotoAsync("/admin/users");
            await Expect(Page.GetByTestId("users-grid")).ToContainTextAsync(AdminEmail);
            // The page is prerendered: the button only opens the dialog once the circuit is interactive.
            await Interactivity.ClickUntilVisibleAsync(Page.GetByTestId("new-user"), Page.GetByTestId("new-user-email"), Timeout);
            await Page.GetByTestId("new-user-email").FillAsync(ManagerEmail);
            await Page.GetByTestId("new-user-email").PressAsync("Tab");
            await Page.GetByTestId("role-Manager").SetCheckedAsync(true, new LocatorSetCheckedOptions { Force = true });
            await Expect(Page.GetByTestId("role-Manager")).ToBeCheckedAsync();
            await Page.GetByTestId("new-user-create").ClickAsync();
            var generated = Page.GetByTestId("generated-password");
            await Expect(generated).ToBeVisibleAsync();
            var password = (await generated.InnerTextAsync()).Trim();
            password.ShouldNotBeNullOrWhiteSpace();
            await Page.GetByTestId("password-done").ClickAsync();
            await Expect(generated).ToHaveCountAsync(0);
            await Expect(Page.GetByRole(AriaRole.Row).Filter(new LocatorFilterOptions { HasText = ManagerEmail }))
                .ToContainTextAsync("Must change password");

            await Page.GotoAsync("/Account/Logout");
            await Page.GetByTestId("logout-submit").ClickAsync();
            await Expect(Page).ToHaveURLAsync(new Regex("/Account/Login"));

            await LoginForm.SubmitAsync(Page, ManagerEmail, password);
            await Expect(Page.GetByTestId("must-change")).ToBeVisibleAsync();
            await Page.GetByLabel("Current password", new PageGetByLabelOptions { Exact = true }).FillAsync(password);
            await Page.GetByLabel("New password", new PageGetByLabelOptions { Exact = true }).FillAsync(ManagerPassword);
            await Page.GetByLabel("Confirm new password", new PageGetByLabelOptions { Exact = true }).FillAsync(ManagerPassword);
            await Page.GetByTestId("change-password-submit").ClickAsync();
            await Expect(Page.GetByTestId("dashboard-title")).ToBeVisibleAsync();

            await Page.GotoAsync("/admin/users");
            await Expect(Page).ToHaveURLAsync(new Regex("/Account/AccessDenied"));
            await Expect(Page.GetByTestId("access-denied")).ToBeVisibleAsync();
        });
    }

    public Task DisposeAsync() => _site.DisposeAsync().AsTask();

    private IPage Page => _site.Page;

    /// <summary>On failure saves a full-page screenshot next to the test assembly and writes the app's output to the test log.</summary>
    private Task RecordFailureAsync(Func<Task> test) =>
        BrowserFailure.RecordAsync(output, nameof(AdminCreatesManagerTests), test, [("page", _site.Page)], [("app", _site.App)]);
}
