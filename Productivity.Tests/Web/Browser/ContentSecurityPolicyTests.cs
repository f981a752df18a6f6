using Microsoft.Playwright;
using Productivity.Tests.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Productivity.Tests.Web.Browser;

/// <summary>
/// The Content-Security-Policy in Chromium against the real app: the sign-in page, the live dashboard, an Admin page with
/// a MudBlazor dialog and the shop-floor page load, become interactive (their circuits connect over the WebSocket), and
/// the browser reports no policy violation and no console error or warning on the way.
/// </summary>
[Collection(BrowserFixture.Collection)]
[Trait("Category", "Browser")]
public sealed class ContentSecurityPolicyTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private const string AdminEmail = "admin@example.test";
    private const string AdminPassword = "Admin-Password-2025!";
    private const float Timeout = 30_000;

    private readonly BrowserSite _site = new("productivity-csp-");
    private readonly List<string> _violations = [];
    private readonly List<string> _console = [];

    public async Task InitializeAsync()
    {
        await _site.StartAsync(browser, new Dictionary<string, string>
        {
            ["Seed__AdminEmail"] = AdminEmail,
            ["Seed__AdminPassword"] = AdminPassword,
            ["Jobs__Enabled"] = "false",
        }, Timeout, async context =>
        {
            // Both are injected by Playwright, outside the page's policy, and survive navigations.
            await context.ExposeFunctionAsync("__reportViolation", (string violation) => Record(_violations, violation));
            await context.AddInitScriptAsync("""
                document.addEventListener('securitypolicyviolation', e =>
                    window.__reportViolation(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
                """);
        });
        Page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                Record(_console, $"{message.Type}: {message.Text} ({Page.Url})");
            }
        };
        Page.PageError += (_, error) => Record(_console, $"page error: {error}");
        SetDefaultExpectTimeout(Timeout);
    }

    [Fact]
    public async Task Pages_UnderThePolicy_BecomeInteractiveWithoutViolations()
    {
        await RecordFailureAsync(async () =>
        {
            var response = await Page.GotoAsync("/Account/Login");
            (await response!.HeaderValueAsync("content-security-policy")).ShouldNotBeNull().ShouldContain("default-src 'self'");

            await LoginForm.SubmitAsync(Page, AdminEmail, AdminPassword);
            await Expect(Page.GetByTestId("dashboard-header")).ToHaveAttributeAsync("data-live", "true");

            await Page.GotoAsync("/admin/users");
            await Expect(Page.GetByTestId("users-grid")).ToContainTextAsync(AdminEmail);
            await Interactivity.ClickUntilVisibleAsync(Page.GetByTestId("new-user"), Page.GetByTestId("new-user-email"), Timeout);

            await Page.GotoAsync("/floor");
            await Expect(Page.GetByTestId("floor-header")).ToHaveAttributeAsync("data-live", "true");

            Snapshot(_violations).ShouldBeEmpty();
            Snapshot(_console).ShouldBeEmpty();
        });
    }

    public Task DisposeAsync() => _site.DisposeAsync().AsTask();

    private IPage Page => _site.Page;

    // Playwright raises events on its own threads.
    private static void Record(List<string> list, string entry)
    {
        lock (list)
        {
            list.Add(entry);
        }
    }

    private static string[] Snapshot(List<string> list)
    {
        lock (list)
        {
            return [.. list];
        }
    }

    private Task RecordFailureAsync(Func<Task> test) =>
        BrowserFailure.RecordAsync(output, nameof(ContentSecurityPolicyTests), test, [("page", _site.Page)], [("app", _site.App)]);
}
