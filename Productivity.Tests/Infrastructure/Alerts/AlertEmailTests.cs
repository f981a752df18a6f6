using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Alerts;
using Productivity.Core.Security;
using Productivity.Infrastructure.Alerts;
using Productivity.Infrastructure.Email;
using Productivity.Infrastructure.Identity;
using Productivity.Infrastructure.Security;
using Productivity.TestSupport;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Infrastructure.Alerts;

/// <summary>
/// Alert e-mails (record 0033) from the real evaluation through the outbox to an SMTP server in the test process: who
/// receives what, once; digests; a down server delays e-mails and never the evaluation.
/// </summary>
public sealed class AlertEmailTests : IAsyncLifetime
{
    // 08:00 in Chicago (CDT), business day 2026-03-10.
    private static readonly DateTime Start = new(2026, 3, 10, 13, 0, 0, DateTimeKind.Utc);
    private const string BaseUrl = "https://productivity.example.test";
    private TestSmtpServer _smtp = null!;

    public Task InitializeAsync()
    {
        _smtp = TestSmtpServer.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _smtp.DisposeAsync();

    private Dictionary<string, string?> Settings(int digestThreshold = 5) => new(_smtp.Settings())
    {
        ["Email:BaseUrl"] = BaseUrl + "/",
        ["Email:AlertDigestThreshold"] = digestThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task OpenedAlert_EmailsEachSubscribedAllowedRecipientOnce_AndNobodyElse()
    {
        await using var context = await AlertTestContext.StartAsync("Sqlite", Start, settings: Settings());
        var manager = await SubscribedAsync(context, Roles.Manager, AlertKind.IdleNow);
        var lead = await SubscribedAsync(context, Roles.Lead, AlertKind.IdleNow);
        await SubscribedAsync(context, Roles.Admin, AlertKind.ForgottenClockOut);          // another rule
        await AdminTestData.UserAsync(context.Host.Services, Roles.Admin);                  // not subscribed
        var disabled = await SubscribedAsync(context, Roles.Manager, AlertKind.IdleNow);
        await SetDisabledAsync(context, disabled);
        var ann = await context.AddEmployeeAsync("Ann Example");
        await context.AddShiftAsync(ann, Start);
        await context.AddWindowAsync(ann, Start.AddMinutes(10));

        context.Advance(41);
        var alertId = (await context.EvaluateAsync()).Opened.ShouldHaveSingleItem();
        (await Sender(context).SendDueAsync()).ShouldBe(new EmailSendOutcome(2, 0));

        _smtp.Received.Select(r => r.Envelope.ShouldHaveSingleItem()).Order().ShouldBe(new[] { Email(manager), Email(lead) }.Order());
        foreach (var received in _smtp.Received)
        {
            received.Message.Subject.ShouldBe("Productivity: new alert: idle now – Ann Example");
            received.Message.HtmlBody.ShouldNotBeNull().ShouldContain($"href=\"{BaseUrl}/employees/{ann}/days/2026-03-10\"");
            received.Message.HtmlBody.ShouldContain("Ann Example has had no window since 08:10");
            received.Message.TextBody.ShouldNotBeNull().ShouldContain($"{BaseUrl}/employees/{ann}/days/2026-03-10");
        }
        (await KeysAsync(context)).Order().ShouldBe(new[] { AlertMailer.SingleKey(alertId, Id(manager)), AlertMailer.SingleKey(alertId, Id(lead)) }.Order());

        // Held for a while: nothing more is queued or sent.
        for (var i = 0; i < 3; i++)
        {
            context.Advance(1);
            (await context.EvaluateAsync()).Held.ShouldBe(1);
        }
        (await Sender(context).SendDueAsync()).ShouldBe(new EmailSendOutcome(0, 0));
        _smtp.Received.Count.ShouldBe(2);
    }

    [Fact]
    public async Task LeadToldAboutAnAdminPage_NeverGetsItsEmail_AndCannotSubscribe()
    {
        await using var context = await AlertTestContext.StartAsync("Sqlite", Start.AddHours(2), settings: Settings());
        await context.EditRuleAsync(AlertKind.UnmappedEmail, r => r.NotifyRoles = AlertRoles.Format(Roles.All));
        // A Lead with an old subscription row (written directly: the service refuses it, see below) and an Admin.
        var lead = await AdminTestData.UserAsync(context.Host.Services, Roles.Lead);
        await context.WriteAsync(db => db.EmailSubscriptions.Add(new EmailSubscription
        {
            UserId = Id(lead), Topic = EmailTopics.AlertRule(AlertKind.UnmappedEmail), CreatedUtc = Start,
        }));
        var admin = await SubscribedAsync(context, Roles.Admin, AlertKind.UnmappedEmail);
        var subscriptions = context.Host.Services.GetRequiredService<EmailSubscriptions>();
        await Should.ThrowAsync<AccessDeniedException>(() => subscriptions.SetAsync(lead, EmailTopics.AlertRule(AlertKind.UnmappedEmail), true));
        (await subscriptions.GetAsync(lead)).AlertRules.ShouldBe([AlertKind.IdleNow, AlertKind.ForgottenClockOut, AlertKind.LowPerformance]);
        await context.AddWindowAsync(null, Start.AddHours(1), email: "new@example.test", items: 9);

        (await context.EvaluateAsync()).Opened.Count.ShouldBe(1);
        (await Sender(context).SendDueAsync()).ShouldBe(new EmailSendOutcome(1, 0));
        var received = _smtp.Received.ShouldHaveSingleItem();
        received.Envelope.ShouldBe([Email(admin)]);
        received.Message.HtmlBody.ShouldNotBeNull().ShouldContain($"href=\"{BaseUrl}/admin/mappings\"");
        received.Message.TextBody.ShouldNotBeNull().ShouldContain("new@example.test");
    }

    [Fact]
    public async Task MoreThanTheThresholdAtOnce_ComeAsOneDigest_LaterOnesSingly()
    {
        await using var context = await AlertTestContext.StartAsync("Sqlite", Start, settings: Settings(digestThreshold: 2));
        var manager = await SubscribedAsync(context, Roles.Manager, AlertKind.IdleNow);
        var people = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            var id = await context.AddEmployeeAsync($"Person {i}");
            await context.AddShiftAsync(id, Start);
            // Three end their window together, the fourth 20 minutes later.
            await context.AddWindowAsync(id, Start.AddMinutes(i < 3 ? 10 : 30));
            people.Add(id);
        }

        context.Advance(41);
        var first = (await context.EvaluateAsync()).Opened;
        first.Count.ShouldBe(3);
        (await Sender(context).SendDueAsync()).ShouldBe(new EmailSendOutcome(1, 0));
        var digest = _smtp.Received.ShouldHaveSingleItem();
        digest.Envelope.ShouldBe([Email(manager)]);
        digest.Message.Subject.ShouldBe("Productivity: 3 new alerts");
        foreach (var id in first)
        {
            digest.Message.HtmlBody.ShouldNotBeNull().ShouldContain($"data-alert=\"{id}\"");
        }
        (await KeysAsync(context)).ShouldBe([AlertMailer.DigestKey(first.Min(), Id(manager))]);

        context.Advance(20);
        var second = (await context.EvaluateAsync()).Opened.ShouldHaveSingleItem();
        (await Sender(context).SendDueAsync()).ShouldBe(new EmailSendOutcome(1, 0));
        _smtp.Received[1].Message.Subject.ShouldBe("Productivity: new alert: idle now – Person 3");
        (await KeysAsync(context)).Count.ShouldBe(2);
        (await KeysAsync(context)).ShouldContain(AlertMailer.SingleKey(second, Id(manager)));
    }

    [Fact]
    public async Task SmtpDown_EvaluationStillOpensAndCloses_AndTheEmailsGoOutOnceItIsBack()
    {
        await using var context = await AlertTestContext.StartAsync("Sqlite", Start, settings: Settings());
        var manager = await SubscribedAsync(context, Roles.Manager, AlertKind.IdleNow);
        var ann = await context.AddEmployeeAsync("Ann Example");
        await context.AddShiftAsync(ann, Start);
        await context.AddWindowAsync(ann, Start.AddMinutes(10));
        var port = _smtp.Port;
        await _smtp.DisposeAsync();

        context.Advance(41);
        (await context.EvaluateAsync()).Opened.Count.ShouldBe(1);
        (await Sender(context).SendDueAsync()).ShouldBe(new EmailSendOutcome(0, 1));
        // She produces, the alert closes; idle again, a second alert opens: the evaluation never waits for the server.
        await context.AddWindowAsync(ann, context.Now);
        context.Advance(1);
        (await context.EvaluateAsync()).Closed.Count.ShouldBe(1);
        context.Advance(31);
        (await context.EvaluateAsync()).Opened.Count.ShouldBe(1);
        (await Sender(context).SendDueAsync()).Failed.ShouldBeLessThanOrEqualTo(1);

        _smtp = TestSmtpServer.Start(port);
        context.Advance(60);
        (await Sender(context).SendDueAsync()).ShouldBe(new EmailSendOutcome(2, 0));
        _smtp.Received.Count.ShouldBe(2);
        _smtp.Received.ShouldAllBe(r => r.Envelope.Single() == Email(manager));
        context.Advance(60);
        (await Sender(context).SendDueAsync()).ShouldBe(new EmailSendOutcome(0, 0));
    }

    [Fact]
    public async Task TwoNodesEvaluatingAtOnceOnMariaDb_QueueOneEmailPerAlertAndRecipient()
    {
        await using var database = await MySqlTestDatabase.CreateAsync();
        await using var first = await AlertTestContext.StartAsync("MySql", Start, database, settings: Settings(digestThreshold: 1000));
        await using var second = await AlertTestContext.StartAsync("MySql", Start, database, settings: Settings(digestThreshold: 1000));
        var manager = await SubscribedAsync(first, Roles.Manager, AlertKind.IdleNow);
        var lead = await SubscribedAsync(first, Roles.Lead, AlertKind.IdleNow);
        const int people = 12;
        for (var i = 0; i < people; i++)
        {
            var id = await first.AddEmployeeAsync($"p{i}");
            await first.AddShiftAsync(id, Start);
            await first.AddWindowAsync(id, Start.AddMinutes(5 + (2 * i)));
        }

        for (var round = 0; round < 12; round++)
        {
            first.Advance(round == 0 ? 30 : 3);
            second.Advance(round == 0 ? 30 : 3);
            await Task.WhenAll(Task.Run(() => first.EvaluateAsync()), Task.Run(() => second.EvaluateAsync()));
        }

        var alerts = await first.AlertsAsync();
        alerts.Count.ShouldBe(people);
        var expected = alerts.SelectMany(a => new[] { AlertMailer.SingleKey(a.Id, Id(manager)), AlertMailer.SingleKey(a.Id, Id(lead)) });
        (await KeysAsync(first)).Order().ShouldBe(expected.Order());
    }

    private static EmailSender Sender(AlertTestContext context) => context.Host.Services.GetRequiredService<EmailSender>();

    private static async Task<ClaimsPrincipal> SubscribedAsync(AlertTestContext context, string role, AlertKind kind)
    {
        var user = await AdminTestData.UserAsync(context.Host.Services, role);
        await context.Host.Services.GetRequiredService<EmailSubscriptions>().SetAsync(user, EmailTopics.AlertRule(kind), true);
        return user;
    }

    private static async Task SetDisabledAsync(AlertTestContext context, ClaimsPrincipal user)
    {
        await using var scope = context.Host.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var account = (await users.FindByIdAsync(Id(user)))!;
        account.IsDisabled = true;
        (await users.UpdateAsync(account)).Succeeded.ShouldBeTrue();
    }

    private static Task<List<string?>> KeysAsync(AlertTestContext context) =>
        context.QueryAsync(db => db.EmailOutbox.AsNoTracking().OrderBy(m => m.Id).Select(m => m.DeduplicationKey).ToListAsync());

    private static string Id(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private static string Email(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Email) ?? user.Identity!.Name!;
}
