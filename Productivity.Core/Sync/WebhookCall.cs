namespace Productivity.Core.Sync;

/// <summary>
/// One call of the Connecteam webhook as the Sync page lists it. Only what the event names is kept (capped), never the
/// body or the token: the event is a hint to re-read, the API stays the source of truth.
/// </summary>
public sealed class WebhookCall
{
    public const int MaxRequestId = 100;
    public const int MaxEventType = 64;
    public const int MaxReason = 200;

    public long Id { get; set; }
    public DateTime ReceivedUtc { get; set; }
    public string? RequestId { get; set; }
    public string? EventType { get; set; }
    /// <summary>The Connecteam user the event names; null when it names none we can read (the whole clock is re-read).</summary>
    public long? ConnecteamUserId { get; set; }
    /// <summary>The site-local business day re-read for the event.</summary>
    public DateOnly? Day { get; set; }
    public WebhookCallOutcome Outcome { get; set; }
    public string? Reason { get; set; }
}

public enum WebhookCallOutcome
{
    /// <summary>A re-read was queued.</summary>
    Queued,
    /// <summary>A delivery already seen (same request id) or a re-read of the same user and day already pending.</summary>
    Duplicate,
    /// <summary>Refused: wrong token, too large, malformed, or no scheduler to queue on.</summary>
    Rejected,
}
