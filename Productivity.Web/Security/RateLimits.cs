using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Productivity.Infrastructure.Api;
using Productivity.Infrastructure.Caching;
using Productivity.Infrastructure.Configuration;
using Productivity.Web.Api;
using RedisRateLimiting;

namespace Productivity.Web.Security;

/// <summary>
/// The site's rate limits, all on ASP.NET Core's rate limiter with fixed windows counted in Redis when Redis is
/// configured (RedisRateLimiting: every node shares one budget) and in this process's memory otherwise:
/// <list type="bullet">
/// <item>sign-in POSTs per client address and per account (<see cref="SignInLimits"/>, the global limiter);</item>
/// <item>the read API per token (<see cref="ApiPolicy"/>, <c>Security:Api:*</c>);</item>
/// <item>the Connecteam webhook per client address (<see cref="WebhookPolicy"/>, <c>Security:Webhook:*</c>).</item>
/// </list>
/// A new endpoint that must be limited per client address (the kiosk's PIN form) adds its own named policy with
/// <see cref="AddPerAddressPolicy"/> and <c>.RequireRateLimiting(name)</c>. A refusal is 429 with Retry-After.
/// </summary>
public static class RateLimits
{
    public const string ApiPolicy = "api";
    public const string WebhookPolicy = "webhook";
    public const string RedisKeyPrefix = "productivity:";

    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddSignInLimits();
        services.AddOptions<ApiRateLimitOptions>().BindConfiguration(ApiRateLimitOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiRateLimitOptions>, ApiRateLimitOptionsValidator>();
        services.AddOptions<WebhookRateLimitOptions>().BindConfiguration(WebhookRateLimitOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookRateLimitOptions>, WebhookRateLimitOptionsValidator>();
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ApiRateLimitOptions>, IOptions<WebhookRateLimitOptions>, IServiceProvider>(
            (options, api, webhook, services) =>
            {
                var redis = services.GetService<RedisConnection>();
                options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                options.OnRejected = RejectAsync;
                var a = api.Value;
                options.AddPolicy(ApiPolicy, context => FixedWindow(ApiPartition(context), a.RequestsPerToken, a.Window, redis));
                options.AddPerAddressPolicy(WebhookPolicy, webhook.Value.RequestsPerAddress, webhook.Value.Window, redis);
            });
        return services;
    }

    /// <summary>
    /// A named policy that gives each client address <paramref name="permits"/> requests per <paramref name="window"/>
    /// (the address a known proxy forwarded, see ForwardedHeaders), shared by all nodes through Redis when configured.
    /// </summary>
    public static RateLimiterOptions AddPerAddressPolicy(this RateLimiterOptions options, string name, int permits, TimeSpan window,
        RedisConnection? redis) =>
        options.AddPolicy(name, context => FixedWindow($"{name}:address:{AddressOf(context)}", permits, window, redis));

    /// <summary>One fixed window of <paramref name="permits"/> per <paramref name="window"/> for the partition, in Redis or in memory.</summary>
    public static RateLimitPartition<string> FixedWindow(string partition, int permits, TimeSpan window, RedisConnection? redis) =>
        redis is null
            ? RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = window,
                QueueLimit = 0,
            })
            : RedisRateLimitPartition.GetFixedWindowRateLimiter(RedisKeyPrefix + partition, _ => new RedisFixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = window,
                ConnectionMultiplexerFactory = () => redis.Multiplexer,
            });

    public static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "";

    /// <summary>
    /// A token's requests share one budget, keyed by the token's SHA-256 (what the database stores): the limiter runs
    /// before authentication, so a flood is refused without a database read. A request without a well-formed token is
    /// counted per client address instead, so guessing tokens is limited too.
    /// </summary>
    internal static string ApiPartition(HttpContext context) =>
        ApiTokenAuthenticationHandler.PresentedToken(context.Request) is { } token && ApiTokenSecret.IsWellFormed(token)
            ? $"api:token:{ApiTokenSecret.Hash(token)}"
            : $"api:address:{AddressOf(context)}";

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : WindowOf(context);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            await ApiProblems.WriteAsync(context, StatusCodes.Status429TooManyRequests,
                $"Too many requests with this token. Try again in {seconds} seconds.");
        }
        else if (context.Request.Path.Equals(SignInLimits.LoginPath, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync($"Too many sign-in attempts. Try again in {seconds} seconds.", cancellationToken);
        }
        // A machine endpoint (the webhook) gets the bare status: Connecteam retries on its own schedule.
    }

    // Without the lease's own figure, the policy's whole window is a safe upper bound.
    private static TimeSpan WindowOf(HttpContext context)
    {
        var services = context.RequestServices;
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            return services.GetRequiredService<IOptions<ApiRateLimitOptions>>().Value.Window;
        }
        return context.Request.Path.Equals(SignInLimits.LoginPath, StringComparison.OrdinalIgnoreCase)
            ? services.GetRequiredService<IOptions<SignInLimitOptions>>().Value.Window
            : services.GetRequiredService<IOptions<WebhookRateLimitOptions>>().Value.Window;
    }
}

/// <summary><c>Security:Api:RequestsPerToken</c> per <c>Security:Api:WindowSeconds</c> (600 per 60).</summary>
public sealed class ApiRateLimitOptions
{
    public const string SectionName = "Security:Api";

    [SettingRange($"{SectionName}:{nameof(RequestsPerToken)}", 1, 1_000_000)]
    public int RequestsPerToken { get; set; } = 600;

    [SettingRange($"{SectionName}:{nameof(WindowSeconds)}", 1, 86_400)]
    public int WindowSeconds { get; set; } = 60;

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);
}

[OptionsValidator]
public sealed partial class ApiRateLimitOptionsValidator : IValidateOptions<ApiRateLimitOptions>;

/// <summary><c>Security:Webhook:RequestsPerAddress</c> per <c>Security:Webhook:WindowSeconds</c> (600 per 60).</summary>
public sealed class WebhookRateLimitOptions
{
    public const string SectionName = "Security:Webhook";

    [SettingRange($"{SectionName}:{nameof(RequestsPerAddress)}", 1, 1_000_000)]
    public int RequestsPerAddress { get; set; } = 600;

    [SettingRange($"{SectionName}:{nameof(WindowSeconds)}", 1, 86_400)]
    public int WindowSeconds { get; set; } = 60;

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);
}

[OptionsValidator]
public sealed partial class WebhookRateLimitOptionsValidator : IValidateOptions<WebhookRateLimitOptions>;
