using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Integrations;
using Productivity.Core.Time;
using Productivity.Infrastructure.Integrations.PodFactory;

namespace Productivity.Infrastructure.Integrations.Demo;

internal static class DemoRegistration
{
    public const string ConnecteamApiKeyKey = "Connecteam:ApiKey";

    /// <summary>True when no real source is configured: neither <c>Connecteam:ApiKey</c> nor <c>ConnectionStrings:PodFactory</c>.</summary>
    public static bool IsDemoMode(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration[ConnecteamApiKeyKey])
        && string.IsNullOrWhiteSpace(configuration[PodFactoryOptions.ConnectionStringKey]);

    /// <summary>Registers <see cref="DemoFloor"/> and the demo implementations of both ports; needs <see cref="SiteClock"/> and <see cref="TimeProvider"/>.</summary>
    public static void AddDemoSources(IServiceCollection services)
    {
        services.AddSingleton(sp => new DemoFloor(sp.GetRequiredService<SiteClock>().TimeZone, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IConnecteamClient, DemoConnecteamClient>();
        services.AddSingleton<IPodFactorySource, DemoPodFactorySource>();
    }
}
