using Microsoft.Playwright;
using Productivity.Tests.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Productivity.Tests.Web.Browser;

/// <summary>
/// The live dashboard in Chromium against the real app on MariaDB, fed through the real ingestion path: Connecteam is the
/// fake HTTP server, PodFactory a report_actions table in MariaDB, and the app's own Quartz jobs sync them (PodFactory
/// every 5 s). A Manager keeps the dashboard open while new production rows arrive; the numbers change without a reload.
/// </summary>
[Collection(BrowserFixture.Collection)]
[Trait("Category", "Browser")]
public sealed class DashboardLiveUpdateTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    // Employee sync, PodFactory sync, mapping and recompute all have to happen once before the first number shows.
    private const float IngestionTimeout = 150_000;

    private LiveSite? _site;

    public async Task InitializeAsync()
    {
        _site = await LiveSite.StartAsync(browser, new Dictionary<string, string> { ["Jobs:ShiftSyncMinutes"] = "1" });
        SetDefaultExpectTimeout(LiveSite.Timeout);
    }

    [Fact]
    public async Task NewProductionRows_WhileTheDashboardIsOpen_AppearWithoutAReload()
    {
        await RecordFailureAsync(async () =>
        {
            await _site!.OpenDashboardAsync();

            var items = AnaCell("Items");
            await Expect(items).ToHaveTextAsync("7", new LocatorAssertionsToHaveTextOptions { Timeout = IngestionTimeout });
            await Expect(AnaRow().GetByTestId("clocked-in-dot")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = IngestionTimeout });
            await Expect(Page.GetByTestId("kpi-items-value")).ToHaveTextAsync("7");
            // A marker that a reload (or a navigation) would wipe out.
            await Page.EvaluateAsync("() => window.__stillTheSamePage = true");

            await _site!.AddProductionAsync(13);
            await _site!.AddProductionAsync(30);

            await Expect(items).ToHaveTextAsync("50", new LocatorAssertionsToHaveTextOptions { Timeout = 60_000 });
            await Expect(Page.GetByTestId("kpi-items-value")).ToHaveTextAsync("50");
            (await Page.EvaluateAsync<bool>("() => window.__stillTheSamePage === true")).ShouldBeTrue("the page was reloaded");

            // Ana starts a break: the time clock closes her shift and opens the break. At the next shift sync (every
            // minute here) she is still clocked in, shown on the break, without a reload.
            _site!.Connecteam.AddBreak(LiveSite.ClockId, 1, "65a0000000000000000000b1", DateTime.UtcNow.AddSeconds(-5));
            var onBreak = Page.GetByTestId("clocked-in-now").GetByTestId("on-break");
            // The break type's name comes from the clock's manual-break settings (the fake's "brk-lunch" is "Lunch").
            await Expect(onBreak).ToContainTextAsync("On Lunch since", new LocatorAssertionsToContainTextOptions { Timeout = 150_000 });
            await Expect(Page.GetByTestId("clocked-in-person")).ToContainTextAsync("Ana Lopez");
            (await Page.EvaluateAsync<bool>("() => window.__stillTheSamePage === true")).ShouldBeTrue("the page was reloaded");
        });
    }

    public async Task DisposeAsync()
    {
        if (_site is not null)
        {
            await _site.DisposeAsync();
        }
    }

    private ILocator AnaRow() =>
        Page.GetByTestId("score-table").Locator("tbody tr").Filter(new LocatorFilterOptions { HasText = "Ana Lopez" });

    private ILocator AnaCell(string column) => AnaRow().Locator($"td[data-label='{column}']");

    private IPage Page => _site!.Page;

    private Task RecordFailureAsync(Func<Task> test) =>
        BrowserFailure.RecordAsync(output, nameof(DashboardLiveUpdateTests), test, [("page", _site?.Page)], [("app", _site?.App)]);
}
