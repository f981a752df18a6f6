using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Security;
using Productivity.Infrastructure.Email;
using Productivity.Infrastructure.Persistence;
using Productivity.Tests.TestSupport;
using Productivity.Web.Components.Pages.Profile;

namespace Productivity.Tests.Web.Components;

/// <summary>The profile's e-mail page over the real subscription service and database (SQLite): switching stores the choice.</summary>
public sealed class EmailReportsPageTests : ComponentTestBase, IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync("Sqlite", new Dictionary<string, string?>
        {
            ["Email:Host"] = "smtp.example.test",
            ["Email:From"] = "reports@example.test",
            ["Email:SummaryTime"] = "05:45",
        });
        Services.AddSingleton(_host.Services.GetRequiredService<EmailSubscriptions>());
        Services.AddSingleton(_host.Services.GetRequiredService<EmailSchedule>());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Manager_SubscribesAndUnsubscribes_AndTheChoiceIsStored()
    {
        var manager = await AdminTestData.UserAsync(_host.Services, Roles.Manager);
        var id = manager.FindFirstValue(ClaimTypes.NameIdentifier)!;
        AddAuthorization().SetAuthorized(manager.Identity!.Name!).SetRoles(Roles.Manager).SetClaims(new Claim(ClaimTypes.NameIdentifier, id));

        var cut = RenderWithProviders<EmailReportsPage>();
        cut.WaitForAssertion(() => Text(cut.Find("[data-testid=email-address]")).ShouldBe(manager.FindFirstValue(ClaimTypes.Email)), Timeout);
        Text(cut.Find("[data-testid=subscribe-daily]")).ShouldContain("Every day at 05:45 (site time)");
        cut.FindAll("[data-testid=email-off]").ShouldBeEmpty();

        cut.Find("[data-testid=subscribe-daily] input").Change(true);
        (await TopicsWhenAsync(id, 1)).ShouldBe([EmailTopics.DailySummary]);
        cut.WaitForAssertion(() => cut.FindAll(".mud-snackbar").Select(Text).ShouldContain("Subscribed."), Timeout);

        cut.Find("[data-testid=subscribe-weekly] input").Change(true);
        (await TopicsWhenAsync(id, 2)).ShouldBe([EmailTopics.DailySummary, EmailTopics.WeeklySummary]);
        cut.Find("[data-testid=subscribe-daily] input").Change(false);
        (await TopicsWhenAsync(id, 1)).ShouldBe([EmailTopics.WeeklySummary]);
    }

    [Fact]
    public async Task DemotedToLead_IsRefusedOnTheServer_WhateverTheCircuitSays()
    {
        var manager = await AdminTestData.UserAsync(_host.Services, Roles.Manager);
        var id = manager.FindFirstValue(ClaimTypes.NameIdentifier)!;
        AddAuthorization().SetAuthorized(manager.Identity!.Name!).SetRoles(Roles.Manager).SetClaims(new Claim(ClaimTypes.NameIdentifier, id));
        var cut = RenderWithProviders<EmailReportsPage>();
        cut.WaitForElement("[data-testid=subscribe-daily] input", Timeout);

        await using (var scope = _host.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Productivity.Infrastructure.Identity.ApplicationUser>>();
            var user = (await users.FindByIdAsync(id))!;
            (await users.RemoveFromRoleAsync(user, Roles.Manager)).Succeeded.ShouldBeTrue();
            (await users.AddToRoleAsync(user, Roles.Lead)).Succeeded.ShouldBeTrue();
        }
        cut.Find("[data-testid=subscribe-daily] input").Change(true);

        cut.WaitForAssertion(() => cut.FindAll(".mud-snackbar").Select(Text).ShouldContain(t => t.Contains("Only Admin or Manager may do this.")), Timeout);
        (await TopicsAsync(id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Lead_SeesOnlyTheAlertRulesAboutPagesTheyMayOpen_AndSubscribesToOne()
    {
        // An Admin ticked "Lead" on the unmapped-e-mail rule; its page (Mappings) is an Admin's, so a Lead is not offered it.
        await using (var scope = _host.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
            var rule = await db.AlertRules.SingleAsync(r => r.Kind == Productivity.Core.Alerts.AlertKind.UnmappedEmail);
            rule.NotifyRoles = Productivity.Core.Alerts.AlertRoles.Format(Roles.All);
            await db.SaveChangesAsync();
        }
        var lead = await AdminTestData.UserAsync(_host.Services, Roles.Lead);
        var id = lead.FindFirstValue(ClaimTypes.NameIdentifier)!;
        AddAuthorization().SetAuthorized(lead.Identity!.Name!).SetRoles(Roles.Lead).SetClaims(new Claim(ClaimTypes.NameIdentifier, id));

        var cut = RenderWithProviders<EmailReportsPage>();
        cut.WaitForElement("[data-testid=alert-rules]", Timeout);
        cut.FindAll("[data-testid=summaries]").ShouldBeEmpty();
        cut.FindAll("[data-testid^=subscribe-alert-]").Select(e => e.GetAttribute("data-testid")).Where(t => !t!.EndsWith("-switch", StringComparison.Ordinal))
            .ShouldBe(["subscribe-alert-IdleNow", "subscribe-alert-ForgottenClockOut", "subscribe-alert-LowPerformance"]);

        cut.Find("[data-testid=subscribe-alert-IdleNow] input").Change(true);
        (await TopicsWhenAsync(id, 1)).ShouldBe([EmailTopics.AlertRule(Productivity.Core.Alerts.AlertKind.IdleNow)]);
    }

    /// <summary>The user's topics once there are <paramref name="count"/> of them (the page saves after the click), or after 5 s.</summary>
    private async Task<List<string>> TopicsWhenAsync(string userId, int count)
    {
        var deadline = DateTime.UtcNow + Timeout;
        var topics = await TopicsAsync(userId);
        while (topics.Count != count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            topics = await TopicsAsync(userId);
        }
        return topics;
    }

    private async Task<List<string>> TopicsAsync(string userId)
    {
        await using var db = await _host.Services.GetRequiredService<IDbContextFactory<ProductivityDbContext>>().CreateDbContextAsync();
        return await db.EmailSubscriptions.Where(s => s.UserId == userId).OrderBy(s => s.Topic).Select(s => s.Topic).ToListAsync();
    }

    private static string Text(IElement element) => string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
