namespace Productivity.Infrastructure.Integrations.Connecteam;

public sealed class ConnecteamOptions
{
    public const string SectionName = "Connecteam";

    /// <summary>
    /// API host only, e.g. <c>https://api.connecteam.com</c> or <c>https://api-au.connecteam.com</c>; the versioned paths
    /// (<c>/users/v1/…</c>, <c>/time-clock/v1/…</c>) are in code. Must be https; http is accepted for loopback hosts only.
    /// </summary>
    public string BaseUrl { get; set; } = "https://api.connecteam.com";

    /// <summary>The account's API key, sent as the <c>X-API-KEY</c> header. Empty means Connecteam is not configured.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Time clocks to read, by every run; empty means every clock of the account: the 5-minute poll reads the
    /// non-archived ones, range syncs and the reconciliation archived ones too.
    /// </summary>
    public long[] ClockIds { get; set; } = [];

    /// <summary>
    /// Request budget of this process, 1..100 requests in any sliding minute. Connecteam allows 100 per minute per
    /// account (and 10,000 per day), so keep headroom for other tools that use the same account.
    /// </summary>
    public int RequestsPerMinute { get; set; } = 90;

    /// <summary>
    /// The secret in the webhook's URL (<c>/webhooks/connecteam/{token}</c>): Connecteam's webhooks carry no signature we
    /// can rely on, so the unguessable URL is the credential. Empty means the webhook is off (every call is 404). At
    /// least <see cref="MinWebhookTokenLength"/> URL-safe characters.
    /// </summary>
    public string? WebhookToken { get; set; }

    public const int MinWebhookTokenLength = 32;

    /// <summary>Timeout of one attempt (request and body), in seconds; a timed-out attempt is retried.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}
