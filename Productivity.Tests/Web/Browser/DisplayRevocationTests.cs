using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Productivity.Tests.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Productivity.Tests.Web.Browser;

/// <summary>
/// In Chromium against the real app: an Admin creates a display, a TV opens its link once and shows the floor, the
/// Admin revokes it and the open TV page ends within the revalidation interval (shortened here from 60 s to 2 s).
/// </summary>
[Collection(BrowserFixture.Collection)]
[Trait("Category", "Browser")]
public sealed class DisplayRevocationTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private const string AdminEmail = "admin@example.test";
    private const string AdminPassword = "Admin-Password-2025!";
    private const int RevalidationSeconds = 2;
    private const float Timeout = 30_000;

    private readonly DirectoryInfo _dataFolder = Directory.CreateTempSubdirectory("productivity-display-");
    private AppProcess? _app;
    private IBrowserContext? _adminContext;
    private IBrowserContext? _tvContext;
    private IPage _admin = default!;
    private IPage _tv = default!;

    public async Task InitializeAsync()
    {
        _app = await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["Data__Folder"] = _dataFolder.FullName,
            ["Seed__AdminEmail"] = AdminEmail,
            ["Seed__AdminPassword"] = AdminPassword,
            ["Jobs__Enabled"] = "false",
            ["Security__RevalidationSeconds"] = RevalidationSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        _adminContext = await browser.NewContextAsync(_app.BaseAddress, Timeout);
        _tvContext = await browser.NewContextAsync(_app.BaseAddress, Timeout);
        _admin = await _adminContext.NewPageAsync();
        _tv = await _tvContext.NewPageAsync();
        SetDefaultExpectTimeout(Timeout);
    }

    [Fact]
    public async Task RevokedDisplay_OpenPage_EndsWithinTheRevalidationInterval()
    {
        await RecordFailureAsync(async () =>
        {
            await LoginForm.SubmitAsync(_admin, AdminEmail, AdminPassword);
            await Expect(_admin.GetByTestId("dashboard-title")).ToBeVisibleAsync();
            await _admin.GotoAsync("/admin/displays");
            await Interactivity.ClickUntilVisibleAsync(_admin.GetByTestId("new-display"), _admin.GetByTestId("new-display-name"), Timeout);
            await _admin.GetByTestId("new-display-name").FillAsync("Packing TV");
            await _admin.GetByTestId("new-display-create").ClickAsync();
            var link = (await _admin.GetByTestId("display-link").InnerTextAsync()).Trim();
            await _admin.GetByTestId("display-link-done").ClickAsync();
            link.ShouldContain("/floor?token=");

            await _tv.GotoAsync(link);
            await Expect(_tv).ToHaveURLAsync(new Regex("/floor$"));
            await Expect(_tv.GetByTestId("floor-leaderboard")).ToBeVisibleAsync();
            await Expect(_tv.GetByTestId("floor-header")).ToHaveAttributeAsync("data-live", "true");
            await Expect(_admin.GetByTestId("display-status")).ToHaveTextAsync("Active");

            await _admin.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Revoke", Exact = true }).ClickAsync();
            await _admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Revoke", Exact = true }).ClickAsync();
            await Expect(_admin.GetByTestId("display-status")).ToHaveTextAsync("Revoked");
            var revoked = Stopwatch.StartNew();

            await Expect(_tv.GetByTestId("display-ended")).ToBeVisibleAsync();
            revoked.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(RevalidationSeconds * 3 + 2));
            await Expect(_tv.GetByTestId("floor-leaderboard")).ToHaveCountAsync(0);

            var reload = await _tv.ReloadAsync();
            reload!.Status.ShouldBe(401);
            await Expect(_tv.GetByTestId("display-refused")).ToBeVisibleAsync();
            var reuse = await _tv.GotoAsync(link);
            reuse!.Status.ShouldBe(401);
        });
    }

    public async Task DisposeAsync()
    {
        foreach (var context in new[] { _adminContext, _tvContext })
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
        BrowserFailure.RecordAsync(output, nameof(DisplayRevocationTests), test, [("admin", _admin), ("tv", _tv)], [("app", _app)]);
}
