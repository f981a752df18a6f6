using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Productivity.Core.Integrations;
using Productivity.Infrastructure.Integrations.Connecteam;

namespace Productivity.Tests.Infrastructure.Integrations;

public sealed class ConnecteamOptionsValidatorTests
{
    private readonly ConnecteamOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var result = _validator.Validate(null, new ConnecteamOptions());

        result.Succeeded.ShouldBeTrue();
    }

    [Theory]
    [InlineData("http://api.connecteam.com")]
    [InlineData("api.connecteam.com")]
    [InlineData("ftp://api.connecteam.com")]
    public void Validate_BaseUrlNotHttps_FailsNamingTheKey(string baseUrl)
    {
        var result = _validator.Validate(null, new ConnecteamOptions { BaseUrl = baseUrl });

        result.Failed.ShouldBeTrue();
        (result.FailureMessage ?? "").ShouldContain($"Connecteam:BaseUrl must be an absolute https URL (got '{baseUrl}')");
    }

    [Theory]
    [InlineData("http://127.0.0.1:5123")]
    [InlineData("http://localhost:5123/")]
    public void Validate_HttpOnLoopback_Succeeds(string baseUrl)
    {
        var result = _validator.Validate(null, new ConnecteamOptions { BaseUrl = baseUrl });

        result.Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void Validate_BaseUrlWithVersionPath_FailsAskingForTheHostOnly()
    {
        var result = _validator.Validate(null, new ConnecteamOptions { BaseUrl = "https://api.connecteam.com/v1" });

        (result.FailureMessage ?? "").ShouldContain("Connecteam:BaseUrl must be the API host only");
    }

    [Theory]
    [InlineData("short-token-0123456789")]
    [InlineData("has space 0123456789abcdefghijklmnopqrstuvwxyz")]
    [InlineData("<from-environment-or-user-secrets>")]
    public void WebhookToken_TooShortOrNotUrlSafe_FailsNamingTheKeyButNotTheToken(string token)
    {
        var result = _validator.Validate(null, new ConnecteamOptions { WebhookToken = token });

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("Connecteam:WebhookToken must be at least 32 characters");
        result.FailureMessage.ShouldNotContain(token);
    }

    [Fact]
    public void WebhookToken_LongAndUrlSafe_IsValid() =>
        _validator.Validate(null, new ConnecteamOptions { WebhookToken = "wh_0123456789abcdefghijklmnopqrstuvwxyz-_" }).Succeeded.ShouldBeTrue();

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void Validate_RequestsPerMinuteOutOfRange_FailsNamingTheKey(int perMinute)
    {
        var result = _validator.Validate(null, new ConnecteamOptions { RequestsPerMinute = perMinute });

        (result.FailureMessage ?? "").ShouldContain("Connecteam:RequestsPerMinute must be between 1 and 100");
    }

    [Fact]
    public void Validate_TimeoutAndClockIdsOutOfRange_ReportsBoth()
    {
        var result = _validator.Validate(null, new ConnecteamOptions { TimeoutSeconds = 0, ClockIds = [5, -1] });

        result.Failures!.Count().ShouldBe(2);
        (result.FailureMessage ?? "").ShouldContain("Connecteam:TimeoutSeconds");
        (result.FailureMessage ?? "").ShouldContain("Connecteam:ClockIds");
    }

    [Fact]
    public void Validate_ApiKeyWithLineBreak_FailsWithoutEchoingTheKey()
    {
        var result = _validator.Validate(null, new ConnecteamOptions { ApiKey = "secret-value\n" });

        (result.FailureMessage ?? "").ShouldContain("Connecteam:ApiKey");
        (result.FailureMessage ?? "").ShouldNotContain("secret-value");
    }

    [Fact]
    public void AddConnecteam_NonHttpsBaseUrl_FailsWhenTheClientIsResolved()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Connecteam:BaseUrl"] = "http://api.connecteam.com" })
            .Build());
        ConnecteamRegistration.AddConnecteam(services);
        using var provider = services.BuildServiceProvider();

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IConnecteamClient>());

        error.Message.ShouldContain("Connecteam:BaseUrl");
    }

    [Fact]
    public void AddConnecteam_ClockIdsFromConfiguration_AreBound()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Connecteam:ClockIds:0"] = "11", ["Connecteam:ClockIds:1"] = "12" })
            .Build());
        ConnecteamRegistration.AddConnecteam(services);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ConnecteamOptions>>().Value;

        options.ClockIds.ShouldBe([11L, 12L]);
        options.RequestsPerMinute.ShouldBe(90);
    }
}
