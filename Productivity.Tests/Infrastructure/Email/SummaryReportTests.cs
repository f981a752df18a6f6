using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Productivity.Core.Auditing;
using Productivity.Core.Reports;
using Productivity.Core.Scoring;
using Productivity.Core.Security;
using Productivity.Infrastructure.Email;
using Productivity.Infrastructure.Identity;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Reports;
using Productivity.Infrastructure.Security;
using Productivity.Tests.TestSupport;
using Productivity.Web.Email;

namespace Productivity.Tests.Infrastructure.Email;

/// <summary>
/// The daily and weekly summaries end to end on one node: stored scores → report → Web's wording → outbox → a real SMTP
/// server; who receives them (subscribed Managers and Admins, now), de-duplication of a firing, and "Send now".
/// </summary>
public sealed class SummaryReportTests : IAsyncLifetime
{
    // Sunday 8 March 2026, the day Chicago moves to daylight time; the summary is due Monday 06:00 CDT = 11:00 UTC.
    private static readonly DateOnly Day = new(2026, 3, 8);
    private static readonly DateTime DueUtc = new(2026, 3, 9, 11, 0, 0, DateTimeKind.Utc);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(DueUtc.AddSeconds(20)));
    private TestSmtpServer _smtp = null!;
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        _smtp = TestSmtpServer.Start();
        _host = await StartHostAsync(_smtp.Settings());
        await SeedDayAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private Task<TestHost> StartHostAsync(Dictionary<string, string?>? settings) =>
        TestHost.StartAsync("Sqlite", settings, services =>
        {
            services.AddSingleton<TimeProvider>(_time);
            services.AddSingleton<ISummaryMailComposer, SummaryMailComposer>();
        });

    private SummaryReports Reports => _host.Services.GetRequiredService<SummaryReports>();

    private EmailSubscriptions Subscriptions => _host.Services.GetRequiredService<EmailSubscriptions>();

    [Fact]
    public async Task DailySummary_ReachesSubscribedManagersAndAdminsOnly_WithTheDaysFiguresAndTheScoresAttached()
    {
        var manager = await AdminTestData.UserAsync(_host.Services, Roles.Manager);
        await Subscriptions.SetAsync(manager, EmailTopics.DailySummary, true);
        var disabledManager = await AdminTestData.UserAsync(_host.Services, Roles.Manager);
        await Subscriptions.SetAsync(disabledManager, EmailTopics.DailySummary, true);
        await SetDisabledAsync(disabledManager);
        // A Lead cannot subscribe (the service refuses); a row written anyway is still not a recipient.
        var lead = await AdminTestData.UserAsync(_host.Services, Roles.Lead);
        await AddSubscriptionRowAsync(lead, EmailTopics.DailySummary);
        await Subscriptions.SetAsync(await AdminTestData.AdminAsync(_host.Services), EmailTopics.WeeklySummary, true);

        (await Reports.RunScheduledAsync(SummaryKind.Daily, DueUtc)).ShouldBe(1);
        (await _host.Services.GetRequiredService<EmailSender>().SendDueAsync()).ShouldBe(new EmailSendOutcome(1, 0));

        var received = _smtp.Received.ShouldHaveSingleItem();
        received.Envelope.ShouldBe([Email(manager)]);
        var message = received.Message;
        message.Subject.ShouldBe("Productivity: daily summary for Sun 8 Mar 2026");
        var html = message.HtmlBody.ShouldNotBeNull();
        // Highest five by performance, best first; the lowest are the rest, lowest first; nobody without active time.
        Section(html, "top").ShouldBe(["Ann", "Bob", "Cid", "Dee", "Eve"]);
        Section(html, "bottom").ShouldBe(["Gus", "Fay"]);
        html.ShouldNotContain("Hal");
        html.ShouldContain("120.0%");
        html.ShouldContain("Production outside a clock session");
        html.ShouldContain("PodFactory e-mails waiting for a mapping");
        var text = message.TextBody.ShouldNotBeNull();
        text.ShouldContain("Items: 1,840");
        text.ShouldContain("  Ann (Picker): 300, 120.0%, 80.0%");
        text.ShouldContain("Production outside a clock session: 1");
        text.ShouldContain("PodFactory e-mails waiting for a mapping (their items are credited to nobody): 1 (10 items)");

        var attachment = message.Attachments.OfType<MimePart>().ShouldHaveSingleItem();
        attachment.FileName.ShouldBe("scores-2026-03-08.xlsx");
        using var xlsx = new MemoryStream();
        await attachment.Content!.DecodeToAsync(xlsx);
        var sheet = XlsxSheet.Read(xlsx.ToArray());
        sheet.Rows.Count.ShouldBe(1 + 8, "a header and the day's eight scores");
        sheet.Rows.Skip(1).Select(r => r[2].Text).ShouldBe(["Ann", "Bob", "Cid", "Dee", "Eve", "Fay", "Gus", "Hal"]);

        // The same firing again (Quartz's misfire, the start-up catch-up later that day): nothing more.
        (await Reports.RunScheduledAsync(SummaryKind.Daily, DueUtc)).ShouldBe(0);
        (await Reports.RunScheduledAsync(SummaryKind.Daily, DueUtc.AddHours(9))).ShouldBe(0);
        (await OutboxAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task WeeklySummary_CoversLastWeekMondayToSunday()
    {
        var manager = await AdminTestData.UserAsync(_host.Services, Roles.Manager);
        await Subscriptions.SetAsync(manager, EmailTopics.WeeklySummary, true);

        // Due Monday 06:00; the job starts late, on Tuesday: still last week's summary.
        (await Reports.RunScheduledAsync(SummaryKind.Weekly, DueUtc.AddDays(1))).ShouldBe(1);

        var row = (await OutboxAsync()).ShouldHaveSingleItem();
        row.Subject.ShouldBe("Productivity: weekly summary for Mon 2 Mar 2026 – Sun 8 Mar 2026");
        row.DeduplicationKey.ShouldBe($"summary:weekly:2026-03-02:{Id(manager)}");
        row.Attachments.ShouldHaveSingleItem().FileName.ShouldBe("scores-2026-03-02-to-2026-03-08.xlsx");
        XlsxSheet.Read(row.Attachments[0].Content).Rows.Count.ShouldBe(1 + 8);
    }

    [Fact]
    public async Task SendNow_IsForAdminsOnly_SendsAgain_AndIsAudited()
    {
        var manager = await AdminTestData.UserAsync(_host.Services, Roles.Manager);
        await Subscriptions.SetAsync(manager, EmailTopics.DailySummary, true);
        var lead = await AdminTestData.UserAsync(_host.Services, Roles.Lead);
        var admin = await AdminTestData.AdminAsync(_host.Services);

        await Should.ThrowAsync<AccessDeniedException>(() => Reports.SendNowAsync(manager, SummaryKind.Daily));
        await Should.ThrowAsync<AccessDeniedException>(() => Reports.SendNowAsync(lead, SummaryKind.Daily));
        // A demoted Admin whose cookie still says Admin: the database decides.
        var demoted = await AdminTestData.UserAsync(_host.Services, Roles.Manager);
        var stale = TestPrincipals.WithRoles("demoted", Id(demoted), Roles.Admin);
        await Should.ThrowAsync<AccessDeniedException>(() => Reports.SendNowAsync(stale, SummaryKind.Daily));
        (await OutboxAsync()).ShouldBeEmpty();

        (await Reports.RunScheduledAsync(SummaryKind.Daily, DueUtc)).ShouldBe(1);
        var result = await Reports.SendNowAsync(admin, SummaryKind.Daily);

        result.ShouldBe(new SendNowResult(SummaryKind.Daily, Day, Day, 1));
        var rows = await OutboxAsync();
        rows.Count.ShouldBe(2, "Send now sends even a summary that went out");
        rows[1].DeduplicationKey.ShouldBeNull();
        rows[1].Recipients.ShouldBe(Email(manager));
        await using var db = await Contexts.CreateDbContextAsync();
        var entry = (await db.AuditEntries.Where(a => a.Kind == AuditKinds.Report).ToListAsync()).ShouldHaveSingleItem();
        entry.Action.ShouldBe("SendNow");
        entry.TargetId.ShouldBe("Daily");
        entry.ActorName.ShouldBe(TestHost.AdminEmail);
        entry.NewValue.ShouldBe("2026-03-08..2026-03-08 to 1 recipients");
    }

    [Fact]
    public async Task SendNow_WithoutSubscribers_OrWithEmailOff_IsRefused()
    {
        var admin = await AdminTestData.AdminAsync(_host.Services);
        (await Should.ThrowAsync<AdminActionRefusedException>(() => Reports.SendNowAsync(admin, SummaryKind.Weekly)))
            .Reason.ShouldBe(AdminRefusal.NoSubscribers);

        await using var off = await StartHostAsync(null);
        var offAdmin = await AdminTestData.AdminAsync(off.Services);
        (await Should.ThrowAsync<AdminActionRefusedException>(() =>
                off.Services.GetRequiredService<SummaryReports>().SendNowAsync(offAdmin, SummaryKind.Daily)))
            .Reason.ShouldBe(AdminRefusal.EmailOff);
        (await off.Services.GetRequiredService<SummaryReports>().RunScheduledAsync(SummaryKind.Daily, DueUtc)).ShouldBe(0);
    }

    [Fact]
    public async Task Subscriptions_AreForManagersAndAdmins_AndSettingTwiceChangesNothing()
    {
        var manager = await AdminTestData.UserAsync(_host.Services, Roles.Manager);
        var lead = await AdminTestData.UserAsync(_host.Services, Roles.Lead);

        await Should.ThrowAsync<AccessDeniedException>(() => Subscriptions.SetAsync(lead, EmailTopics.DailySummary, true));
        (await Subscriptions.GetAsync(lead)).MayReceiveSummaries.ShouldBeFalse();
        (await Should.ThrowAsync<AdminActionRefusedException>(() => Subscriptions.SetAsync(manager, "alert-rule:1", true)))
            .Reason.ShouldBe(AdminRefusal.UnknownTopic);

        await Subscriptions.SetAsync(manager, EmailTopics.DailySummary, true);
        await Subscriptions.SetAsync(manager, EmailTopics.DailySummary, true);
        await Subscriptions.SetAsync(manager, EmailTopics.WeeklySummary, true);
        var settings = await Subscriptions.GetAsync(manager);
        settings.ShouldBe(settings with { EmailOn = true, MayReceiveSummaries = true, Address = Email(manager) });
        settings.Topics.ShouldBe([EmailTopics.DailySummary, EmailTopics.WeeklySummary]);

        await Subscriptions.SetAsync(manager, EmailTopics.DailySummary, false);
        (await Subscriptions.GetAsync(manager)).Topics.ShouldBe([EmailTopics.WeeklySummary]);
        await using var db = await Contexts.CreateDbContextAsync();
        (await db.EmailSubscriptions.CountAsync()).ShouldBe(1);
    }

    private IDbContextFactory<ProductivityDbContext> Contexts => _host.Services.GetRequiredService<IDbContextFactory<ProductivityDbContext>>();

    private static string Id(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private static string Email(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Email) ?? user.Identity!.Name!;

    /// <summary>The names in one people table of the HTML body, in order.</summary>
    private static string[] Section(string html, string part)
    {
        var start = html.IndexOf($"data-part=\"{part}\"", StringComparison.Ordinal);
        var end = html.IndexOf("</table>", start, StringComparison.Ordinal);
        return [.. System.Text.RegularExpressions.Regex.Matches(html[start..end], @"<tr><td[^>]*>([^<]+)</td>").Select(m => m.Groups[1].Value)];
    }

    private async Task<List<EmailMessage>> OutboxAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.EmailOutbox.AsNoTracking().Include(m => m.Attachments).OrderBy(m => m.Id).ToListAsync();
    }

    private async Task SetDisabledAsync(ClaimsPrincipal user)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var id = Id(user);
        await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDisabled, true));
    }

    private async Task AddSubscriptionRowAsync(ClaimsPrincipal user, string topic)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        db.EmailSubscriptions.Add(new EmailSubscription { UserId = Id(user), Topic = topic });
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Eight people on <see cref="Day"/>: Ann 120 % … Gus 60 % performance, Hal without active time; one finding of the
    /// day and one unmapped PodFactory e-mail with 10 items.
    /// </summary>
    private async Task SeedDayAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        string[] names = ["Ann", "Bob", "Cid", "Dee", "Eve", "Fay", "Gus", "Hal"];
        var windowStart = new DateTime(2026, 3, 8, 15, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < names.Length; i++)
        {
            var items = 300 - 20 * i;
            var id = await FloorTestData.AddEmployeeDayAsync(db, names[i], Day, windowStart, points: items * 0.3,
                activeMinutes: names[i] == "Hal" ? 0 : 480, [("Picking", items)]);
            await db.DailyScores.Where(s => s.EmployeeId == id).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.ClockedMinutes, 600)
                .SetProperty(x => x.Utilization, names[i] == "Hal" ? 0 : 0.8)
                .SetProperty(x => x.Performance, names[i] == "Hal" ? null : 1.2 - 0.1 * i)
                // The dashboard's rows recompute performance from the sums: standard / active.
                .SetProperty(x => x.StandardMinutes, names[i] == "Hal" ? 0 : 480 * (1.2 - 0.1 * i))
                .SetProperty(x => x.PrimaryRole, "Picker"));
            if (i == 0)
            {
                db.DataQuality.Add(new DataQualityRecord
                {
                    EmployeeId = id, BusinessDay = Day, Issue = DataQualityIssue.ProductionOutsideSession, Subject = "w1", Items = 5,
                    StartUtc = windowStart, EndUtc = windowStart.AddMinutes(10),
                });
                await db.SaveChangesAsync();
            }
        }
        await AdminTestData.PendingAsync(_host, "ghost@pod.test", "Ghost", windows: 2, itemsPerWindow: 5);
    }
}
