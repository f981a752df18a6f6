namespace Productivity.Infrastructure.Email;

/// <summary>
/// One e-mail in the durable outbox (<c>email_outbox</c>). Written by whoever sends (a report, later an alert) in their
/// own transaction, sent by <see cref="EmailSender"/> on the scheduler; a failure only moves
/// <see cref="NextAttemptUtc"/> on, so a refusing or absent SMTP server delays an e-mail and never loses it.
/// </summary>
public sealed class EmailMessage
{
    public long Id { get; set; }
    /// <summary>
    /// Unique when set: "at most one e-mail per X" is this key's unique index (a summary: kind, period and recipient;
    /// an alert: the alert and recipient). Null for e-mails that may repeat (an Admin's "Send now").
    /// </summary>
    public string? DeduplicationKey { get; set; }
    /// <summary>Addresses, one per line (they contain no line breaks: <see cref="EmailOutbox"/> checks each).</summary>
    public required string Recipients { get; set; }
    public required string Subject { get; set; }
    public required string HtmlBody { get; set; }
    public required string TextBody { get; set; }
    public DateTime CreatedUtc { get; set; }
    public int Attempts { get; set; }
    /// <summary>When the sender may take it next: now when queued, later after a failure, and while a sender holds it.</summary>
    public DateTime NextAttemptUtc { get; set; }
    public DateTime? SentUtc { get; set; }
    public DateTime? LastFailureUtc { get; set; }
    public string? LastError { get; set; }
    public List<EmailAttachment> Attachments { get; set; } = [];

    public const int MaxDeduplicationKey = 200;
    public const int MaxSubject = 500;
    public const int MaxError = 1000;
}

/// <summary>A file sent with an outbox e-mail, stored with it: what is sent is what was built when it was queued.</summary>
public sealed class EmailAttachment
{
    public long Id { get; set; }
    public long MessageId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public required byte[] Content { get; set; }
}

/// <summary>
/// A user's opt-in to one kind of e-mail (<c>email_subscriptions</c>), by topic: the summaries now
/// (<see cref="EmailTopics"/>), an alert rule's e-mails later, in the same table.
/// </summary>
public sealed class EmailSubscription
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required string Topic { get; set; }
    public DateTime CreatedUtc { get; set; }
}

/// <summary>The topics a user can subscribe to.</summary>
public static class EmailTopics
{
    public const string DailySummary = "summary:daily";
    public const string WeeklySummary = "summary:weekly";

    /// <summary>
    /// The e-mails of one alert rule. There is one rule per kind, stored by the kind's name (never renamed), so the
    /// topic names the kind: <c>alert-rule:IdleNow</c>.
    /// </summary>
    public static string AlertRule(Core.Alerts.AlertKind kind) => $"alert-rule:{kind}";

    public static string Summary(Core.Reports.SummaryKind kind) => kind == Core.Reports.SummaryKind.Weekly ? WeeklySummary : DailySummary;

    public const int MaxLength = 100;
}
