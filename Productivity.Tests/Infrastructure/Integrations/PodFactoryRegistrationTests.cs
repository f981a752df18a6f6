using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Productivity.Core.Integrations;
using Productivity.Infrastructure.Integrations.PodFactory;

namespace Productivity.Tests.Infrastructure.Integrations;

public sealed class PodFactoryRegistrationTests
{
    [Fact]
    public void AddPodFactory_Configured_BindsOptionsAndRegistersTheMySqlSource()
    {
        using var provider = Build(new()
        {
            ["ConnectionStrings:PodFactory"] = "Server=127.0.0.1;User ID=reader;Password=x;Database=podfactory",
            ["PodFactory:Table"] = "report_actions_v2",
            ["PodFactory:CommandTimeoutSeconds"] = "12",
        });

        var options = provider.GetRequiredService<IOptions<PodFactoryOptions>>().Value;

        options.Table.ShouldBe("report_actions_v2");
        options.CommandTimeoutSeconds.ShouldBe(12);
        provider.GetRequiredService<IPodFactorySource>().ShouldBeOfType<PodFactoryMySqlSource>();
    }

    [Fact]
    public void AddPodFactory_TableWithSql_FailsValidationNamingTheKey()
    {
        using var provider = Build(new() { ["PodFactory:Table"] = "report_actions; DROP TABLE x" });

        var exception = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PodFactoryOptions>>().Value);

        exception.Message.ShouldContain("PodFactory:Table");
    }

    private static ServiceProvider Build(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        PodFactoryRegistration.AddPodFactory(services, configuration);
        return services.BuildServiceProvider();
    }
}
