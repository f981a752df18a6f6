using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Productivity.Infrastructure.Email;
using Productivity.Infrastructure.Persistence;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Infrastructure.Email;

/// <summary>
/// The outbox and its sender against a real SMTP server in the test process: what arrives, and what a refusing or absent
/// server does (the e-mail waits and is sent later; queuing never notices). Time is fake, so a retry's delay is exact.
/// </summary>
public sealed class EmailOutboxTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 9, 15, 0, 0, TimeSpan.Zero));
    private TestSmtpServer _smtp = null!;
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        _smtp = TestSmtpServer.Start();
        _host = await TestHost.StartAsync("Sqlite", _smtp.Settings(), services => services.AddSingleton<TimeProvider>(_time));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private IEmailOutbox Outbox => _host.Services.GetRequiredService<IEmailOutbox>();

    private EmailSender Sender => _host.Services.GetRequiredService<EmailSender>();

    private static OutgoingEmail Email(string subject = "Daily summary", string? key = null, params string[] to) => new(
        to.Length == 0 ? ["manager@example.test"] : to,
        subject,
        "<p>Items: <b>1,234</b></p>",
        "Items: 1,234",
        [new OutgoingAttachment("scores-2026-03-08.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [0x50, 0x4B, 3, 4, 42])],
        key);

    [Fact]
    public async Task QueuedEmail_ArrivesWithItsRecipientsSubjectBodiesAndAttachment()
    {
        (await Outbox.EnqueueAsync(Email("Daily summary for Sun 8 Mar 2026", null, "a@example.test", "b@example.test"))).ShouldBe(EnqueueResult.Queued);

        (await Sender.SendDueAsync()).ShouldBe(new EmailSendOutcome(1, 0));

        var received = _smtp.Received.ShouldHaveSingleItem();
        received.Envelope.ShouldBe(["a@example.test", "b@example.test"]);
        var message = received.Message;
        message.From.Mailboxes.Single().Address.ShouldBe("reports@example.test");
        message.From.Mailboxes.Single().Name.ShouldBe("Productivity");
        message.To.Mailboxes.Select(m => m.Address).ShouldBe(["a@example.test", "b@example.test"]);
        message.Subject.ShouldBe("Daily summary for Sun 8 Mar 2026");
        message.HtmlBody.ShouldNotBeNull().ShouldContain("<b>1,234</b>");
        message.TextBody.ShouldNotBeNull().Trim().ShouldBe("Items: 1,234");
        var attachment = message.Attachments.OfType<MimePart>().ShouldHaveSingleItem();
        attachment.FileName.ShouldBe("scores-2026-03-08.xlsx");
        attachment.ContentType.MimeType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        content.ToArray().ShouldBe(new byte[] { 0x50, 0x4B, 3, 4, 42 });

        var row = await RowAsync();
        row.SentUtc.ShouldBe(_time.GetUtcNow().UtcDateTime);
        row.Attempts.ShouldBe(1);
        (await Sender.SendDueAsync()).ShouldBe(new EmailSendOutcome(0, 0), "a sent e-mail is not sent again");
        _smtp.Received.Count.ShouldBe(1);
    }

    [Fact]
    public async Task RecipientRefused_IsTriedAgainAfterTheDelay_AndSentOnceTheServerAccepts()
    {
        _smtp.RefuseRecipients = true;
        await Outbox.EnqueueAsync(Email());

        (await Sender.SendDueAsync()).ShouldBe(new EmailSendOutcome(0, 1));
        _smtp.RecipientCommands.ShouldBe(1);
        var failed = await RowAsync();
        failed.SentUtc.ShouldBeNull();
        failed.Attempts.ShouldBe(1);
        failed.LastError.ShouldNotBeNull().ShouldStartWith("550 ");
        failed.LastFailureUtc.ShouldBe(_time.GetUtcNow().UtcDateTime);
        failed.NextAttemptUtc.ShouldBe(_time.GetUtcNow().UtcDateTime + EmailSender.FirstRetry);

        _time.Advance(EmailSender.FirstRetry - TimeSpan.FromSeconds(1));
        (await Sender.SendDueAsync()).ShouldBe(new EmailSendOutcome(0, 0), "not due before its delay");
        _smtp.RecipientCommands.ShouldBe(1);

        _time.Advance(TimeSpan.FromSeconds(1));
        (await Sender.SendDueAsync()).ShouldBe(new EmailSendOutcome(0, 1));
        (await RowAsync()).NextAttemptUtc.ShouldBe(_time.GetUtcNow().UtcDateTime + EmailSender.RetryDelay(2));
        EmailSender.RetryDelay(2).ShouldBe(TimeSpan.FromSeconds(60));

        _smtp.RefuseRecipients = false;
        _time.Advance(EmailSender.RetryDelay(2));
        (await Sender.SendDueAsync()).ShouldBe(new EmailSendOutcome(1, 0));
        _smtp.Received.ShouldHaveSingleItem().Message.Subject.ShouldBe("Daily summary");
        (await RowAsync()).Attempts.ShouldBe(3);
    }

    [Fact]
    public async Task MessageRefusedAfterData_554_IsKeptAndSentLater()
    {
        _smtp.RefuseData = true;
        await Outbox.EnqueueAsync(Email());
        await Outbox.EnqueueAsync(Email("Second"));

        // The connection survives a refused message, so both are tried in one run.
        (await Sender.SendDueAsync()).ShouldBe(new EmailSendOutcome(0, 2));
        var rows = await RowsAsync();
        rows.ShouldAllBe(r => r.SentUtc == null && r.Attempts == 1 && r.LastError!.StartsWith("554 "));

        _smtp.RefuseData = false;
        _time.Advance(EmailSender.FirstRetry);
        (await Sender.SendDueAsync()).ShouldBe(new EmailSendOutcome(2, 0));
        _smtp.Received.Select(r => r.Message.Subject).Order().ShouldBe(["Daily summary", "Second"]);
    }

    [Fact]
    public async Task ServerDown_QueuingIsUnaffected_AndEverythingIsSentWhenItIsBack()
    {
        var port = _smtp.Port;
        await _smtp.DisposeAsync();
        (await Outbox.EnqueueAsync(Email("First"))).ShouldBe(EnqueueResult.Queued);
        await Outbox.EnqueueAsync(Email("Second"));

        // One failed connection ends the run: the second e-mail is not tried against a server known to be down.
        (await Sender.SendDueAsync()).ShouldBe(new EmailSendOutcome(0, 1));
        (await Outbox.EnqueueAsync(Email("Third"))).ShouldBe(EnqueueResult.Queued, "queuing does not depend on the server");
        var rows = await RowsAsync();
        rows.Count.ShouldBe(3);
        rows.Count(r => r.LastError is not null).ShouldBe(1);
        rows.Single(r => r.LastError is not null).LastError!.ShouldContain("SocketException");

        _smtp = TestSmtpServer.Start(port);
        _time.Advance(EmailSender.FirstRetry);
        (await Sender.SendDueAsync()).ShouldBe(new EmailSendOutcome(3, 0));
        _smtp.Received.Select(r => r.Message.Subject).Order().ShouldBe(["First", "Second", "Third"]);
        (await RowsAsync()).ShouldAllBe(r => r.SentUtc != null);
    }

    [Fact]
    public async Task SameDeduplicationKey_QueuesOneEmail()
    {
        (await Outbox.EnqueueAsync(Email(key: "summary:daily:2026-03-08:u1"))).ShouldBe(EnqueueResult.Queued);
        (await Outbox.EnqueueAsync(Email(key: "summary:daily:2026-03-08:u1"))).ShouldBe(EnqueueResult.Duplicate);
        (await Outbox.EnqueueAsync(Email(key: "summary:daily:2026-03-08:u2"))).ShouldBe(EnqueueResult.Queued);

        (await RowsAsync()).Count.ShouldBe(2);
        // The unique index itself, not only the check before the insert: a second row with the key is refused.
        await using var db = await Contexts.CreateDbContextAsync();
        db.EmailOutbox.Add(new EmailMessage
        {
            DeduplicationKey = "summary:daily:2026-03-08:u1", Recipients = "x@example.test", Subject = "s", HtmlBody = "", TextBody = "",
        });
        await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task BadRecipient_IsRefusedWhenQueued()
    {
        await Should.ThrowAsync<ArgumentException>(() => Outbox.EnqueueAsync(Email(to: "not an address")));
        await Should.ThrowAsync<ArgumentException>(() => Outbox.EnqueueAsync(Email(to: "a@example.test\r\nBcc: b@example.test")));
        (await RowsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task WithoutHost_NothingIsQueuedOrSent()
    {
        await using var host = await TestHost.StartAsync("Sqlite");
        var outbox = host.Services.GetRequiredService<IEmailOutbox>();

        outbox.Enabled.ShouldBeFalse();
        (await outbox.EnqueueAsync(Email())).ShouldBe(EnqueueResult.EmailOff);
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<ProductivityDbContext>>().CreateDbContextAsync();
        (await db.EmailOutbox.CountAsync()).ShouldBe(0);
        (await host.Services.GetRequiredService<EmailSender>().SendDueAsync()).ShouldBe(new EmailSendOutcome(0, 0));
    }

    [Fact]
    public void RetryDelay_DoublesFromThirtySecondsUpToAnHour()
    {
        EmailSender.RetryDelay(1).ShouldBe(TimeSpan.FromSeconds(30));
        EmailSender.RetryDelay(3).ShouldBe(TimeSpan.FromMinutes(2));
        EmailSender.RetryDelay(7).ShouldBe(TimeSpan.FromMinutes(32));
        EmailSender.RetryDelay(8).ShouldBe(TimeSpan.FromHours(1));
        EmailSender.RetryDelay(500).ShouldBe(TimeSpan.FromHours(1));
    }

    private IDbContextFactory<ProductivityDbContext> Contexts => _host.Services.GetRequiredService<IDbContextFactory<ProductivityDbContext>>();

    private async Task<EmailMessage> RowAsync() => (await RowsAsync()).ShouldHaveSingleItem();

    private async Task<List<EmailMessage>> RowsAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.EmailOutbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }
}
