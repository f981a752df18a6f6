using System.Globalization;
using Microsoft.Playwright;
using Productivity.Tests.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Productivity.Tests.Web.Browser;

/// <summary>
/// A Connecteam clock_in webhook reaches an open dashboard: the app runs as in production (MariaDB, its own Quartz
/// jobs) with the shift poll set to 10 hours, so only the webhook's re-read can explain Ben appearing in "Clocked in now".
/// </summary>
[Collection(BrowserFixture.Collection)]
[Trait("Category", "Browser")]
public sealed class WebhookClockInLiveTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private const string WebhookToken = "wh_browser_0123456789abcdefghijklmnopqrstuv";
    // Employee sync, PodFactory sync, mapping and recompute all have to happen once before the first number shows.
    private const float IngestionTimeout = 150_000;

    private LiveSite? _site;

    public async Task InitializeAsync()
    {
        _site = await LiveSite.StartAsync(browser, new Dictionary<string, string>
        {
            ["Jobs:ShiftSyncMinutes"] = "600",
            ["Connecteam:WebhookToken"] = WebhookToken,
        }, connecteam =>
        {
            connecteam.AddUser(2, "Ben", "Ng", "ben.ng@example.test");
            connecteam.AssignUser(LiveSite.ClockId, 2);
        });
        SetDefaultExpectTimeout(LiveSite.Timeout);
    }

    [Fact]
    public async Task ClockInWebhook_WhileTheDashboardIsOpen_ShowsThePersonClockedInWithoutAReload()
    {
        await RecordFailureAsync(async () =>
        {
            await _site!.OpenDashboardAsync();
            var clockedIn = Page.GetByTestId("clocked-in-now");
            await Expect(clockedIn).ToContainTextAsync("Ana Lopez", new LocatorAssertionsToContainTextOptions { Timeout = IngestionTimeout });
            await Expect(clockedIn).Not.ToContainTextAsync("Ben Ng");
            await Page.EvaluateAsync("() => window.__stillTheSamePage = true");

            var clockIn = DateTime.UtcNow.AddSeconds(-5);
            _site!.Connecteam.AddShift(LiveSite.ClockId, 2, "65a0000000000000000000c2", clockIn);
            var at = new DateTimeOffset(clockIn).ToUnixTimeSeconds();
            using var http = new HttpClient { BaseAddress = _site!.App.BaseAddress };
            var body = string.Create(CultureInfo.InvariantCulture,
                $"{{\"requestId\":\"r-live-1\",\"company\":\"c-1\",\"eventType\":\"clock_in\",\"eventTimestamp\":{at},\"activityType\":\"shift\",\"data\":{{\"userId\":2,\"timeClockId\":{LiveSite.ClockId},\"start\":{{\"timestamp\":{at},\"timezone\":\"America/Chicago\"}}}}}}");
            var posted = DateTime.UtcNow;
            var response = await http.PostAsync($"/webhooks/connecteam/{WebhookToken}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            ((int)response.StatusCode).ShouldBe(202);

            // Well before the 10-hour poll (and before any minute-scale timer): the webhook's re-read did it.
            await Expect(clockedIn).ToContainTextAsync("Ben Ng", new LocatorAssertionsToContainTextOptions { Timeout = 20_000 });
            output.WriteLine($"webhook → DOM: {(DateTime.UtcNow - posted).TotalMilliseconds:0} ms");
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

    private IPage Page => _site!.Page;

    private Task RecordFailureAsync(Func<Task> test) =>
        BrowserFailure.RecordAsync(output, nameof(WebhookClockInLiveTests), test, [("page", _site?.Page)], [("app", _site?.App)]);
}
