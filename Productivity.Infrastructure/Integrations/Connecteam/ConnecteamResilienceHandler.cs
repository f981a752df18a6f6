using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Productivity.Infrastructure.Telemetry;

namespace Productivity.Infrastructure.Integrations.Connecteam;

/// <summary>
/// Every Connecteam attempt passes the shared <see cref="ConnecteamRateLimiter"/> and runs under its own timeout.
/// Timeouts, network errors, 408 and 5xx are retried with jittered exponential backoff (up to
/// <see cref="ConnecteamRetryPolicy.MaxAttempts"/> attempts); a 429 holds every request of the process until the
/// announced reset and is then retried. What is still failing is returned (error status) or thrown as
/// <see cref="ConnecteamApiException"/> (no response).
/// </summary>
internal sealed class ConnecteamResilienceHandler(
    ConnecteamRateLimiter limiter,
    ConnecteamRetryPolicy policy,
    IOptions<ConnecteamOptions> options,
    TimeProvider timeProvider,
    ILogger<ConnecteamResilienceHandler> logger) : DelegatingHandler
{
    private const string MinuteResetHeader = "x-ratelimit-minute-reset";
    private const string DayRemainingHeader = "x-ratelimit-day-remaining";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri?.PathAndQuery ?? "(no path)";
        var timeout = TimeSpan.FromSeconds(options.Value.TimeoutSeconds);
        var failures = 0;
        var rateLimited = 0;
        while (true)
        {
            await limiter.AcquireAsync(cancellationToken);
            var (response, error) = await AttemptAsync(request, timeout, cancellationToken);

            if (error is not null || IsTransient(response!.StatusCode))
            {
                failures++;
                var reason = error?.Message ?? $"{(int)response!.StatusCode} {response.StatusCode}";
                if (failures >= policy.MaxAttempts)
                {
                    return response
                        ?? throw new ConnecteamApiException(null, path, $"{reason} (gave up after {failures} attempts)", error);
                }

                ProductivityTelemetry.ConnecteamRetry(error is null ? ((int)response!.StatusCode).ToString(CultureInfo.InvariantCulture)
                    : error is TimeoutException ? "timeout" : "network");
                response?.Dispose();
                var delay = Backoff(failures);
                logger.LogWarning("Connecteam GET {Path}: {Reason}; attempt {Attempt} of {MaxAttempts} in {DelayMs} ms",
                    path, reason, failures + 1, policy.MaxAttempts, (int)delay.TotalMilliseconds);
                await Task.Delay(delay, timeProvider, cancellationToken);
                continue;
            }

            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                ProductivityTelemetry.ConnecteamRateLimited.Add(1);
            }
            if (response.StatusCode == HttpStatusCode.TooManyRequests
                && rateLimited < policy.MaxRateLimitRetries
                && !DailyLimitReached(response))
            {
                rateLimited++;
                var resetAt = RateLimitResetAt(response);
                response.Dispose();
                logger.LogWarning("Connecteam GET {Path}: rate limited (429); every Connecteam request waits until {ResetAt:O}",
                    path, resetAt);
                limiter.BlockUntil(resetAt);
                ProductivityTelemetry.ConnecteamRetry("429");
                continue;
            }

            return response;
        }
    }

    private async Task<(HttpResponseMessage? Response, Exception? Error)> AttemptAsync(
        HttpRequestMessage request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = new CancellationTokenSource(timeout, timeProvider);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, attempt.Token);
            // The body is part of the attempt: a response that stalls mid-body times out and is retried too.
            await response.Content.LoadIntoBufferAsync(attempt.Token);
            return (response, null);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            return (null, new TimeoutException($"no complete answer within {timeout.TotalSeconds:0} s", ex));
        }
        catch (HttpRequestException ex)
        {
            response?.Dispose();
            return (null, ex);
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status == HttpStatusCode.RequestTimeout || (int)status >= 500;

    // Waiting out the minute does not help once the day's 10,000 requests are spent.
    private static bool DailyLimitReached(HttpResponseMessage response) =>
        response.Headers.TryGetValues(DayRemainingHeader, out var values) && values.FirstOrDefault()?.Trim() == "0";

    private DateTimeOffset RateLimitResetAt(HttpResponseMessage response)
    {
        var now = timeProvider.GetUtcNow();
        var wait = policy.DefaultRateLimitWait;
        if (response.Headers.TryGetValues(MinuteResetHeader, out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var reset))
        {
            // Documented as UTC epoch seconds; a small number can only be a delay in seconds.
            wait = reset is > 1_000_000_000 and < 100_000_000_000
                ? DateTimeOffset.FromUnixTimeSeconds(reset) - now
                : TimeSpan.FromSeconds(Math.Min(reset, (long)policy.MaxRateLimitWait.TotalSeconds));
        }
        else if (response.Headers.RetryAfter is { } retryAfter)
        {
            wait = retryAfter.Delta ?? (retryAfter.Date - now) ?? policy.DefaultRateLimitWait;
        }

        if (wait < TimeSpan.Zero)
        {
            wait = TimeSpan.Zero;
        }
        return now + (wait > policy.MaxRateLimitWait ? policy.MaxRateLimitWait : wait);
    }

    private TimeSpan Backoff(int failures)
    {
        var exponential = policy.BaseDelay * Math.Pow(2, failures - 1);
        if (exponential > policy.MaxDelay)
        {
            exponential = policy.MaxDelay;
        }
        return exponential * (0.5 + (Random.Shared.NextDouble() / 2));
    }
}
