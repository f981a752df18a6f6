using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Infrastructure.Email;

internal sealed class EmailOutbox(
    IDbContextFactory<ProductivityDbContext> contexts,
    IOptions<EmailOptions> options,
    TimeProvider timeProvider) : IEmailOutbox
{
    public bool Enabled => options.Value.Enabled;

    public async Task<EnqueueResult> EnqueueAsync(OutgoingEmail email, CancellationToken cancellationToken = default)
    {
        if (!Enabled)
        {
            return EnqueueResult.EmailOff;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (email.DeduplicationKey is { } key
            && await db.EmailOutbox.AsNoTracking().AnyAsync(m => m.DeduplicationKey == key, cancellationToken))
        {
            return EnqueueResult.Duplicate;
        }
        Add(db, email);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return EnqueueResult.Queued;
        }
        catch (DbUpdateException) when (email.DeduplicationKey is not null)
        {
            // Another node queued the same key between the check and the insert: the unique index kept one.
            if (await KeyExistsAsync(email.DeduplicationKey, cancellationToken))
            {
                return EnqueueResult.Duplicate;
            }
            throw;
        }
    }

    public bool Add(ProductivityDbContext db, OutgoingEmail email)
    {
        if (!Enabled)
        {
            return false;
        }
        Check(email);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        db.EmailOutbox.Add(new EmailMessage
        {
            DeduplicationKey = email.DeduplicationKey,
            Recipients = string.Join('\n', email.To.Select(a => a.Trim())),
            Subject = email.Subject,
            HtmlBody = email.HtmlBody,
            TextBody = email.TextBody,
            CreatedUtc = now,
            NextAttemptUtc = now,
            Attachments = [.. email.Attachments.Select(a => new EmailAttachment { FileName = a.FileName, ContentType = a.ContentType, Content = a.Content })],
        });
        return true;
    }

    private async Task<bool> KeyExistsAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.EmailOutbox.AsNoTracking().AnyAsync(m => m.DeduplicationKey == key, cancellationToken);
    }

    // A programming error in the caller, not bad user input: recipients come from stored, validated user e-mails.
    private static void Check(OutgoingEmail email)
    {
        if (email.To.Count == 0)
        {
            throw new ArgumentException("An e-mail needs at least one recipient.", nameof(email));
        }
        foreach (var address in email.To)
        {
            if (address.AsSpan().IndexOfAny('\r', '\n') >= 0 || !EmailOptionsValidator.IsMailbox(address.Trim()))
            {
                throw new ArgumentException($"'{address}' is not an e-mail address.", nameof(email));
            }
        }
        if (email.Subject.Length is 0 or > EmailMessage.MaxSubject)
        {
            throw new ArgumentException($"A subject has 1 to {EmailMessage.MaxSubject} characters.", nameof(email));
        }
        if (email.DeduplicationKey is { Length: 0 or > EmailMessage.MaxDeduplicationKey })
        {
            throw new ArgumentException($"A de-duplication key has 1 to {EmailMessage.MaxDeduplicationKey} characters.", nameof(email));
        }
    }
}
