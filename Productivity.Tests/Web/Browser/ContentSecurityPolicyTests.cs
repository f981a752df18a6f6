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

    private readonly DirectoryInfo _dataFolder = Directory.CreateTempSubdirectory("productivity-csp-");
    private readonly List<string> _violations = [];
    private readonly List<string> _console = [];
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
        // Both are injected by Playwright, outside the page's policy, and survive navigations.
        await _context.ExposeFunctionAsync("__reportViolation", (string violation) => Record(_violations, violation));
        await _context.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', e =>
                window.__reportViolation(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
            """);
        _page = await _context.NewPageAsync();
        _page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                Record(_console, $"{message.Type}: {message.Text} ({_page.Url})");
            }
        };
        _page.PageError += (_, error) => Record(_console, $"page error: {error}");
        SetDefaultExpectTimeout(Timeout);
    }

    [Fact]
    public async Task Pages_UnderThePolicy_BecomeInteractiveWithoutViolations()
    {
        await RecordFailureAsync(async () =>
        {
            var response = await _page.GotoAsync("/Account/Login");
            (await response!.HeaderValueAsync("content-security-policy")).ShouldNotBeNull().ShouldContain("default-src 'self'");

            await LoginForm.SubmitAsync(_page, AdminEmail, AdminPassword);
            await Expect(_page.GetByTestId("dashboard-header")).ToHaveAttributeAsync("data-live", "true");

            await _page.GotoAsync("/admin/users");
            await Expect(_page.GetByTestId("users-grid")).ToContainTextAsync(AdminEmail);
            await Interactivity.ClickUntilVisibleAsync(_page.GetByTestId("new-user"), _page.GetByTestId("new-user-email"), Timeout);

            await _page.GotoAsync("/floor");
            await Expect(_page.GetByTestId("floor-header")).ToHaveAttributeAsync("data-live", "true");

            Snapshot(_violations).ShouldBeEmpty();
            Snapshot(_console).ShouldBeEmpty();
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
        BrowserFailure.RecordAsync(output, nameof(ContentSecurityPolicyTests), test, [("page", _page)], [("app", _app)]);
}
