using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Productivity.Infrastructure.Caching;
using Productivity.Infrastructure.Configuration;

namespace Productivity.Web.Security;

/// <summary>
/// Sign-in attempts (POSTs of the sign-in form) are rate limited per client address and per account with ASP.NET
/// Core's rate limiter; with Redis the windows are counted in Redis, so several nodes share one budget. A refusal is
/// 429 with Retry-After (<see cref="RateLimits"/>, which also holds the API's and the webhook's named policies). Every
/// other request passes this global limiter without a limit.
/// </summary>
public static class SignInLimits
{
    public const string LoginPath = "/Account/Login";
    /// <summary>The sign-in form's e-mail field, as the Blazor form names it.</summary>
    public const string EmailField = "Input.Email";

    public static IServiceCollection AddSignInLimits(this IServiceCollection services)
    {
        services.AddOptions<SignInLimitOptions>().BindConfiguration(SignInLimitOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SignInLimitOptions>, SignInLimitOptionsValidator>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<SignInLimitOptions>, IServiceProvider>((options, limits, services) =>
        {
            var redis = services.GetService<RedisConnection>();
            var l = limits.Value;
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                Partitioned("address", context => context.Connection.RemoteIpAddress?.ToString() ?? "", l.AttemptsPerAddress, l.Window, redis),
                Partitioned("account", AccountOf, l.AttemptsPerAccount, l.Window, redis));
        });
        return services;
    }

    /// <summary>Reads the sign-in form before the limiter, which can only read what is already buffered.</summary>
    public static IApplicationBuilder UseSignInLimits(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (IsSignIn(context) && context.Request.HasFormContentType)
            {
                await context.Request.ReadFormAsync(context.RequestAborted);
            }
            await next(context);
        }).UseRateLimiter();

    private static bool IsSignIn(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals(LoginPath, StringComparison.OrdinalIgnoreCase);

    private static string AccountOf(HttpContext context) =>
        context.Request.HasFormContentType ? context.Request.Form[EmailField].ToString().Trim().ToUpperInvariant() : "";

    private static PartitionedRateLimiter<HttpContext> Partitioned(string name, Func<HttpContext, string> key, int permits, TimeSpan window,
        RedisConnection? redis) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            if (!IsSignIn(context))
            {
                return RateLimitPartition.GetNoLimiter("");
            }
            return RateLimits.FixedWindow($"sign-in:{name}:{key(context)}", permits, window, redis);
        });
}

/// <summary><c>Security:SignIn:AttemptsPerAddress</c> and <c>:AttemptsPerAccount</c> per <c>:WindowSeconds</c> (20, 10, 60).</summary>
public sealed class SignInLimitOptions
{
    public const string SectionName = "Security:SignIn";

    [SettingRange($"{SectionName}:{nameof(AttemptsPerAddress)}", 1, 1_000_000)]
    public int AttemptsPerAddress { get; set; } = 20;

    [SettingRange($"{SectionName}:{nameof(AttemptsPerAccount)}", 1, 1_000_000)]
    public int AttemptsPerAccount { get; set; } = 10;

    [SettingRange($"{SectionName}:{nameof(WindowSeconds)}", 1, 86_400)]
    public int WindowSeconds { get; set; } = 60;

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);
}

[OptionsValidator]
public sealed partial class SignInLimitOptionsValidator : IValidateOptions<SignInLimitOptions>;
