using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Productivity.Infrastructure.Configuration;
using Productivity.Web.Security;

namespace Productivity.Tests.Web.Security;

public sealed class ForwardedHeadersSettingsTests
{
    [Fact]
    public void Read_Nothing_KeepsAspNetsLoopbackDefault()
    {
        var options = new ForwardedHeadersOptions();

        ForwardedHeadersSettings.Read(Configuration()).ApplyTo(options);

        options.KnownProxies.ShouldBe([IPAddress.IPv6Loopback]);
        options.KnownIPNetworks.ShouldBe([new System.Net.IPNetwork(IPAddress.Loopback, 8)]);
    }

    [Fact]
    public void Read_ListsAsJsonArraysBind_ReplaceTheDefault()
    {
        var options = new ForwardedHeadersOptions();

        ForwardedHeadersSettings.Read(Configuration(
            ("ForwardedHeaders:KnownProxies:0", "10.0.0.5"),
            ("ForwardedHeaders:KnownProxies:1", "fd00::5"),
            ("ForwardedHeaders:KnownNetworks:0", "192.168.10.0/24"))).ApplyTo(options);

        options.KnownProxies.ShouldBe([IPAddress.Parse("10.0.0.5"), IPAddress.Parse("fd00::5")]);
        options.KnownIPNetworks.ShouldBe([System.Net.IPNetwork.Parse("192.168.10.0/24")]);
    }

    [Fact]
    public void Read_CommaSeparatedValue_IsAListToo()
    {
        var settings = ForwardedHeadersSettings.Read(Configuration(
            ("ForwardedHeaders:KnownProxies", "10.0.0.5, 10.0.0.6"),
            ("ForwardedHeaders:KnownNetworks", "10.1.0.0/16")));

        settings.KnownProxies.ShouldBe([IPAddress.Parse("10.0.0.5"), IPAddress.Parse("10.0.0.6")]);
        settings.KnownNetworks.ShouldBe([System.Net.IPNetwork.Parse("10.1.0.0/16")]);
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", "proxy.internal", "ForwardedHeaders:KnownProxies:0")]
    [InlineData("ForwardedHeaders:KnownProxies:0", "10", "ForwardedHeaders:KnownProxies:0")]
    [InlineData("ForwardedHeaders:KnownProxies:0", "10.0.0.0/8", "ForwardedHeaders:KnownProxies:0")]
    [InlineData("ForwardedHeaders:KnownProxies", "10.0.0.5,nope", "ForwardedHeaders:KnownProxies")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/33", "ForwardedHeaders:KnownNetworks:0")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.5", "ForwardedHeaders:KnownNetworks:0")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0/8", "ForwardedHeaders:KnownNetworks:0")]
    public void Read_BadValue_FailsNamingTheKeyAndValue(string key, string value, string expectedKey)
    {
        var failure = Should.Throw<ConfigurationException>(() => ForwardedHeadersSettings.Read(Configuration((key, value))));

        failure.Message.ShouldStartWith(expectedKey + " must be");
        failure.Message.ShouldContain(value.Split(',')[^1]);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
}
