using System.Globalization;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Infrastructure.Email;

/// <summary>
/// Sends the outbox's due e-mails through the SMTP server (MailKit), oldest due first, over one connection per run.
/// A failed e-mail is tried again later with a growing delay (30 s, doubling, at most an hour) and is never dropped;
/// every failure is kept on the row (the Sync page reports the last one).
/// </summary>
/// <remarks>
/// Each e-mail is claimed before it is sent (its next attempt moved past a lease, only if no one else moved it), so two
/// senders running at once (two nodes, or a run the Sync page asked for) never send one e-mail twice. A node that dies
/// after the server accepted an e-mail but before the row says so sends it again when the lease ends: at least once,
/// which beats at most once for a report.
/// </remarks>
public sealed class EmailSender(
    IDbContextFactory<ProductivityDbContext> contexts,
    IOptions<EmailOptions> options,
    TimeProvider timeProvider,
    ILogger<EmailSender> logger)
{
    /// <summary>E-mails one run takes at most; the rest wait for the next run.</summary>
    public const int BatchSize = 50;
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan LongestRetry = TimeSpan.FromHours(1);

    /// <summary>The delay after the <paramref name="attempts"/>-th failed attempt.</summary>
    public static TimeSpan RetryDelay(int attempts) =>
        attempts >= 8 ? LongestRetry : TimeSpan.FromTicks(Math.Min(LongestRetry.Ticks, FirstRetry.Ticks << Math.Max(0, attempts - 1)));

    public async Task<EmailSendOutcome> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return new EmailSendOutcome(0, 0);
        }
        var now = timeProvider.GetUtcNow().UtcDateTime;
        List<(long Id, DateTime NextAttemptUtc)> due;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            due = (await db.EmailOutbox.AsNoTracking()
                    .Where(m => m.SentUtc == null && m.NextAttemptUtc <= now)
                    .OrderBy(m => m.NextAttemptUtc).ThenBy(m => m.Id)
                    .Select(m => new { m.Id, m.NextAttemptUtc })
                    .Take(BatchSize).ToListAsync(cancellationToken))
                .Select(m => (m.Id, m.NextAttemptUtc)).ToList();
        }
        if (due.Count == 0)
        {
            return new EmailSendOutcome(0, 0);
        }

        var sent = 0;
        var failed = 0;
        using var client = new SmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
        foreach (var (id, seen) in due)
        {
            var message = await ClaimAsync(id, seen, settings, cancellationToken);
            if (message is null)
            {
                continue;
            }
            try
            {
                if (!client.IsConnected)
                {
                    await ConnectAsync(client, settings, cancellationToken);
                }
                await client.SendAsync(ToMime(message, settings), cancellationToken);
                await MarkSentAsync(id, cancellationToken);
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failed++;
                await MarkFailedAsync(message, ex, cancellationToken);
                if (!client.IsConnected)
                {
                    // No connection (refused, unreachable, dropped, or the server hung up): trying the next e-mail would
                    // only wait for the same failure. The rest stay due for the next run.
                    break;
                }
            }
        }
        if (client.IsConnected)
        {
            try
            {
                await client.DisconnectAsync(quit: true, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or ServiceNotConnectedException or ProtocolException or SmtpCommandException)
            {
                logger.LogDebug(ex, "QUIT after sending failed; the e-mails were already accepted.");
            }
        }
        return new EmailSendOutcome(sent, failed);
    }

    private async Task<EmailMessage?> ClaimAsync(long id, DateTime seen, EmailOptions settings, CancellationToken cancellationToken)
    {
        var lease = timeProvider.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(settings.TimeoutSeconds * 4 + 60);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var claimed = await db.EmailOutbox
            .Where(m => m.Id == id && m.SentUtc == null && m.NextAttemptUtc == seen)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptUtc, lease), cancellationToken);
        if (claimed == 0)
        {
            return null;
        }
        return await db.EmailOutbox.AsNoTracking().Include(m => m.Attachments).SingleAsync(m => m.Id == id, cancellationToken);
    }

    private static async Task ConnectAsync(SmtpClient client, EmailOptions settings, CancellationToken cancellationToken)
    {
        var security = settings.Security switch
        {
            EmailSecurity.None => SecureSocketOptions.None,
            EmailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            EmailSecurity.Auto => SecureSocketOptions.Auto,
            _ => SecureSocketOptions.StartTls,
        };
        await client.ConnectAsync(settings.Host!, settings.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.User))
        {
            await client.AuthenticateAsync(settings.User, settings.Password ?? "", cancellationToken);
        }
    }

    private static MimeMessage ToMime(EmailMessage message, EmailOptions settings)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(settings.From!));
        foreach (var address in message.Recipients.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            mime.To.Add(MailboxAddress.Parse(address));
        }
        mime.Subject = message.Subject;
        // The outbox id makes the Message-Id stable across retries, so a mail system that got it twice can tell.
        mime.MessageId = string.Create(CultureInfo.InvariantCulture,
            $"outbox-{message.Id}-{message.CreatedUtc.Ticks}@{MailboxAddress.Parse(settings.From!).Domain}");
        var body = new BodyBuilder { HtmlBody = message.HtmlBody, TextBody = message.TextBody };
        foreach (var attachment in message.Attachments)
        {
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        }
        mime.Body = body.ToMessageBody();
        return mime;
    }

    private async Task MarkSentAsync(long id, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Not cancellable: the server has the e-mail, and the row must say so or it is sent again.
        await db.EmailOutbox.Where(m => m.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentUtc, now).SetProperty(m => m.Attempts, m => m.Attempts + 1), CancellationToken.None);
    }

    private async Task MarkFailedAsync(EmailMessage message, Exception error, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var attempts = message.Attempts + 1;
        var text = Describe(error);
        logger.LogWarning("E-mail {Id} ('{Subject}') failed on attempt {Attempts}; next attempt in {Delay}: {Error}",
            message.Id, message.Subject, attempts, RetryDelay(attempts), text);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.EmailOutbox.Where(m => m.Id == message.Id)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.NextAttemptUtc, now + RetryDelay(attempts))
                .SetProperty(m => m.LastFailureUtc, now)
                .SetProperty(m => m.LastError, text), CancellationToken.None);
    }

    /// <summary>What the Sync page shows: the server's reply when it refused, else the failure (no credentials in either).</summary>
    private static string Describe(Exception error)
    {
        var text = error switch
        {
            SmtpCommandException command => string.Create(CultureInfo.InvariantCulture,
                $"{(int)command.StatusCode} {command.Message}{(command.Mailbox is { } box ? $" ({box.Address})" : "")}"),
            _ => $"{error.GetType().Name}: {error.Message}",
        };
        return text.Length > EmailMessage.MaxError ? text[..EmailMessage.MaxError] : text;
    }
}

/// <param name="Sent">E-mails the server accepted in this run.</param>
/// <param name="Failed">E-mails that failed (they wait for a later run).</param>
public sealed record EmailSendOutcome(int Sent, int Failed);
