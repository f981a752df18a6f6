using Productivity.Infrastructure.Persistence;

namespace Productivity.Infrastructure.Email;

/// <summary>
/// Queues e-mails for <see cref="EmailSender"/>. Queuing is one INSERT into the database: it never waits for the SMTP
/// server, so a down or refusing server cannot slow or fail the caller (a scheduled report, an alert evaluation).
/// </summary>
public interface IEmailOutbox
{
    /// <summary>Whether e-mail is configured (<c>Email:Host</c>); when it is not, nothing is queued.</summary>
    bool Enabled { get; }

    /// <summary>Queues <paramref name="email"/> in a transaction of its own.</summary>
    Task<EnqueueResult> EnqueueAsync(OutgoingEmail email, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds <paramref name="email"/> to the caller's unit of work, saved with the change that causes it (an audited
    /// "Send now"). Returns false, adding nothing, when e-mail is off. A duplicate key fails the caller's SaveChanges.
    /// </summary>
    bool Add(ProductivityDbContext db, OutgoingEmail email);
}

public enum EnqueueResult
{
    Queued,
    /// <summary>An e-mail with the same de-duplication key was queued before (sent or not): nothing added.</summary>
    Duplicate,
    /// <summary>E-mail is off (no <c>Email:Host</c>): nothing added.</summary>
    EmailOff,
}

/// <param name="To">Plain addresses (name@example.com); each recipient sees the others.</param>
/// <param name="DeduplicationKey">At most one e-mail is ever queued per key; null for none (at most 200 characters).</param>
public sealed record OutgoingEmail(
    IReadOnlyList<string> To,
    string Subject,
    string HtmlBody,
    string TextBody,
    IReadOnlyList<OutgoingAttachment> Attachments,
    string? DeduplicationKey);

public sealed record OutgoingAttachment(string FileName, string ContentType, byte[] Content);
