using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Productivity.Core.Integrations;

namespace Productivity.Infrastructure.Integrations.Connecteam;

internal static class ConnecteamRegistration
{
    /// <summary>Once per container (binding twice would repeat every Connecteam:ClockIds entry): here or by <see cref="AddConnecteam"/>.</summary>
    public static void AddConnecteamOptions(IServiceCollection services)
    {
        services.AddOptions<ConnecteamOptions>().BindConfiguration(ConnecteamOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnecteamOptions>, ConnecteamOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnecteamOptions>, ConnecteamClockIdsValidator>());
    }

    /// <summary>The options, the client and its handler.</summary>
    public static void AddConnecteam(IServiceCollection services)
    {
        AddConnecteamOptions(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(ConnecteamRetryPolicy.Default);
        services.AddSingleton(sp => new ConnecteamRateLimiter(
            sp.GetRequiredService<IOptions<ConnecteamOptions>>().Value.RequestsPerMinute,
            TimeSpan.FromMinutes(1),
            sp.GetRequiredService<TimeProvider>()));
        services.AddTransient<ConnecteamResilienceHandler>();

        // Not AddStandardResilienceHandler: ConnecteamResilienceHandler already retries, and it knows Connecteam's
        // rate-limit headers and the shared request budget (docs/decisions/0018-hand-written-connecteam-handler.md).
        services.AddHttpClient<IConnecteamClient, ConnecteamClient>((sp, client) =>
            {
                var options = sp.GetRequiredService<IOptions<ConnecteamOptions>>().Value;
                client.BaseAddress = new Uri(options.BaseUrl);
                // Each attempt has its own timeout in the handler; this one would cut retries and rate-limit waits short.
                client.Timeout = Timeout.InfiniteTimeSpan;
                if (!string.IsNullOrEmpty(options.ApiKey))
                {
                    // Validated (no whitespace or control characters); TryAdd keeps the value out of FormatException messages.
                    client.DefaultRequestHeaders.TryAddWithoutValidation(ConnecteamClient.ApiKeyHeader, options.ApiKey);
                }
            })
            .AddHttpMessageHandler<ConnecteamResilienceHandler>();
    }
}
