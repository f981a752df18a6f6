using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Productivity.Core.Integrations;

namespace Productivity.Infrastructure.Integrations.PodFactory;

internal static class PodFactoryRegistration
{
    public static void AddPodFactory(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PodFactoryOptions>()
            .BindConfiguration(PodFactoryOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PodFactoryOptions>, PodFactoryOptionsValidator>());

        var connectionString = configuration[PodFactoryOptions.ConnectionStringKey];
        services.AddSingleton<IPodFactorySource>(sp =>
            new PodFactoryMySqlSource(connectionString, sp.GetRequiredService<IOptions<PodFactoryOptions>>()));
    }
}
