using System.Diagnostics;
using Microsoft.Playwright;
using Productivity.Core.Security;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Productivity.Tests.Web.Browser;

/// <summary>
/// The bell in Chromium against the real app on MariaDB with its own jobs (the minute evaluation, PodFactory every 5 s,
/// evaluation after each recompute): a Lead sees Ana's idle alert appear seconds after the evaluation opens it and clear
/// when Ana produces again, without a reload; an unmapped-e-mail alert the rule tells Leads about stays the Admin's,
/// because it links to the Mappings page the Lead may not open.
/// </summary>
[Collection(BrowserFixture.Collection)]
[Trait("Category", "Browser")]
public sealed class LeadAlertBellTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private const string LeadEmail = "lead@example.test";
    private const float IngestionTimeout = 150_000;
    // From the alert's row to the bell: the notifier fans out in-process, the bell re-queries and renders.
    private const float BellTimeout = 10_000;
    private static readonly TimeSpan EvaluationTimeout = TimeSpan.FromSeconds(150);

    private LiveSite? _site;

    public async Task InitializeAsync()
    {
        // Ana's only window ended an hour ago: she has been idle since, once the rule asks.
        _site = await LiveSite.StartAsync(browser, new Dictionary<string, string> { ["Jobs:ShiftSyncMinutes"] = "1" },
            firstRowEndedAgo: TimeSpan.FromMinutes(60));
        // As an Admin would on Admin → Alerts: idle alerts off for now, and unmapped e-mails told to Leads as well.
        await _site.Database.ExecuteAsync("UPDATE alert_rules SET IsEnabled = 0 WHERE Kind = 'IdleNow'");
        await _site.Database.ExecuteAsync("UPDATE alert_rules SET NotifyRoles = 'Admin,Manager,Lead' WHERE Kind = 'UnmappedEmail'");
        await _site.CreateUserAsync(LeadEmail, Roles.Lead);
        SetDefaultExpectTimeout(LiveSite.Timeout);
    }

    [Fact]
    public async Task Lead_IdleAlertOpensThenAnaProduces_BellShowsItWithinSecondsAndClearsIt_NeverShowsTheMappingsAlert()
    {
        await RecordFailureAsync(async () =>
        {
            await LoginForm.SubmitAsync(Page, LeadEmail, LiveSite.Password);
            var anaItems = Page.GetByTestId("score-table").Locator("tbody tr")
                .Filter(new LocatorFilterOptions { HasText = "Ana Lopez" }).Locator("td[data-label='Items']");
            await Expect(anaItems).ToHaveTextAsync("7", new LocatorAssertionsToHaveTextOptions { Timeout = IngestionTimeout });
            // An evaluation may have found Ana idle before the rule was switched off; the next one closes that alert.
            await WaitForOpenAsync("IdleNow", open => open == 0);
            var bell = Page.GetByTestId("alert-bell");
            await Expect(bell).ToHaveAttributeAsync("data-open-count", "0");
            await Page.EvaluateAsync("() => window.__stillTheSamePage = true");

            // The rule is switched on with its lowest limits: the next minute evaluation finds Ana idle.
            await _site!.Database.ExecuteAsync("UPDATE alert_rules SET IsEnabled = 1, Threshold = 1, SecondThreshold = 1 WHERE Kind = 'IdleNow'");
            await WaitForOpenAsync("IdleNow", open => open == 1);
            var opened = Stopwatch.StartNew();
            await Expect(bell).ToHaveAttributeAsync("data-count", "1", new LocatorAssertionsToHaveAttributeOptions { Timeout = BellTimeout });
            output.WriteLine($"idle alert row -> Lead's bell: {opened.ElapsedMilliseconds} ms");

            var item = Page.GetByTestId("alert-item");
            await Interactivity.ClickUntilVisibleAsync(bell, item, LiveSite.Timeout);
            await Expect(item).ToHaveAttributeAsync("data-kind", "IdleNow");
            await Expect(item).ToContainTextAsync("Idle now · Ana Lopez");
            await Expect(item.GetByTestId("alert-link")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex(@"^/employees/\d+/days/\d{4}-\d{2}-\d{2}$"));

            // Ana produces again: the PodFactory sync, the recompute and the evaluation after it close the alert.
            await _site.AddProductionAsync(13);
            await Expect(bell).ToHaveAttributeAsync("data-open-count", "0", new LocatorAssertionsToHaveAttributeOptions { Timeout = 90_000 });
            await Expect(Page.GetByTestId("alert-none")).ToBeVisibleAsync();
            // Closed in the database too (an idle alert opened before the rule was switched off may be among the closed ones).
            (await _site.Database.ScalarAsync("SELECT COUNT(*) FROM alerts WHERE Kind = 'IdleNow' AND ClosedUtc IS NULL")).ShouldBe(0);
            (await Page.EvaluateAsync<bool>("() => window.__stillTheSamePage === true")).ShouldBeTrue("the page was reloaded");

            // Rows from an e-mail nobody is mapped to: the Admin's bell shows the alert; the Lead's, told too, does not.
            await _site.AddProductionAsync(5, "stranger@example.test", "Stranger");
            var admin = await _site.OpenSecondPageAsync(browser);
            await LoginForm.SubmitAsync(admin, LiveSite.AdminEmail, LiveSite.Password);
            await WaitForOpenAsync("UnmappedEmail", open => open == 1);
            var adminBell = admin.GetByTestId("alert-bell");
            await Expect(adminBell).ToHaveAttributeAsync("data-open-count", "1", new LocatorAssertionsToHaveAttributeOptions { Timeout = BellTimeout });
            var adminItem = admin.GetByTestId("alert-item");
            await Interactivity.ClickUntilVisibleAsync(adminBell, adminItem, LiveSite.Timeout);
            await Expect(adminItem).ToHaveAttributeAsync("data-kind", "UnmappedEmail");
            await Expect(adminItem.GetByTestId("alert-link")).ToHaveAttributeAsync("href", "/admin/mappings");

            await Expect(bell).ToHaveAttributeAsync("data-open-count", "0");
            await Page.GotoAsync("/alerts");
            var history = Page.GetByTestId("alert-history");
            await Expect(history).ToContainTextAsync("Ana Lopez");
            await Expect(history).Not.ToContainTextAsync("stranger@example.test");
            await Expect(Page.GetByTestId("alert-bell")).ToHaveAttributeAsync("data-open-count", "0");
        });
    }

    public async Task DisposeAsync()
    {
        if (_site is not null)
        {
            await _site.DisposeAsync();
        }
    }

    /// <summary>Until the number of open alerts of <paramref name="kind"/> the app's evaluations left is as expected.</summary>
    private async Task WaitForOpenAsync(string kind, Func<long, bool> expected)
    {
        var deadline = Stopwatch.StartNew();
        while (!expected(await _site!.Database.ScalarAsync($"SELECT COUNT(*) FROM alerts WHERE Kind = '{kind}' AND ClosedUtc IS NULL")))
        {
            if (deadline.Elapsed > EvaluationTimeout)
            {
                throw new TimeoutException($"The open {kind} alerts were not as expected after {EvaluationTimeout.TotalSeconds} s.");
            }
            await Task.Delay(100);
        }
    }

    private IPage Page => _site!.Page;

    private Task RecordFailureAsync(Func<Task> test) =>
        BrowserFailure.RecordAsync(output, nameof(LeadAlertBellTests), test, [("page", _site?.Page)], [("app", _site?.App)]);
}
