namespace Productivity.Infrastructure.Integrations.Connecteam;

/// <summary>Retry constants of <see cref="ConnecteamResilienceHandler"/>; tests shorten the delays.</summary>
internal sealed record ConnecteamRetryPolicy
{
    public static ConnecteamRetryPolicy Default { get; } = new();

    /// <summary>Attempts per request for timeouts, network errors and 5xx (the first try included).</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>Backoff before retry n is about BaseDelay × 2^(n-1), jittered between 50 % and 100 %.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many 429 answers one request waits out before giving up.</summary>
    public int MaxRateLimitRetries { get; init; } = 3;

    public TimeSpan MaxRateLimitWait { get; init; } = TimeSpan.FromSeconds(65);

    /// <summary>The wait after a 429 that carries neither <c>x-ratelimit-minute-reset</c> nor <c>Retry-After</c>.</summary>
    public TimeSpan DefaultRateLimitWait { get; init; } = TimeSpan.FromSeconds(60);
}
