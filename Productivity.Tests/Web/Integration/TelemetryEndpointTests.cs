using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;
using Productivity.Core.Security;
using Productivity.Infrastructure.Sync;
using Productivity.Tests.TestSupport;
using Productivity.Web.Telemetry;

namespace Productivity.Tests.Web.Integration;

/// <summary>The Prometheus scrape endpoint and request traces, through the whole site in memory.</summary>
public sealed class TelemetryEndpointTests
{
    private const string Token = "scrape-token-for-the-tests-0123";

    private static readonly Dictionary<string, string?> PrometheusOn = new()
    {
        ["OpenTelemetry:Prometheus:Enabled"] = "true",
        ["OpenTelemetry:Prometheus:Token"] = Token,
    };

    [Fact]
    public async Task Metrics_NotConfigured_IsNoEndpoint_SignedIn404_AnonymousSentToSignInLikeAnyUnknownPath()
    {
        using var factory = new ProductivityWebFactory();
        await factory.CreateUserAsync("admin-metrics@example.test", "metrics-test-password", Roles.Admin);
        var signedIn = factory.CreateBrowserClient();
        (await ProductivityWebFactory.SignInAsync(signedIn, "admin-metrics@example.test", "metrics-test-password")).StatusCode
            .ShouldBe(HttpStatusCode.Redirect);
        var anonymous = factory.CreateBrowserClient();

        var asAdmin = await signedIn.SendAsync(Scrape(Token));
        var asAnonymous = await anonymous.SendAsync(Scrape(Token));

        asAdmin.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await asAdmin.Content.ReadAsStringAsync()).ShouldNotContain("productivity_");
        asAnonymous.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        asAnonymous.Headers.Location!.AbsolutePath.ShouldBe("/Account/Login");
    }

    [Fact]
    public async Task Metrics_Enabled_RefusesWithoutOrWithAWrongToken_ServesTheMetricsWithIt()
    {
        using var factory = new ProductivityWebFactory(PrometheusOn);
        var client = factory.CreateBrowserClient();
        // A sync run (PodFactory is not configured here, so it fails) puts the sync instruments in the scrape.
        await factory.Services.GetRequiredService<SyncPipeline>().SyncPodFactoryAsync("test");

        var without = await client.SendAsync(Scrape(null));
        var wrong = await client.SendAsync(Scrape(Token + "x"));
        var right = await client.SendAsync(Scrape(Token));

        without.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        without.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await wrong.Content.ReadAsStringAsync()).ShouldBeEmpty();
        right.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await right.Content.ReadAsStringAsync();
        body.ShouldContain("productivity_sync_duration_seconds_bucket{");
        body.ShouldContain("productivity_sync_rows_read_total{");
        body.ShouldContain("productivity_sync_rows_rejected_total{");
        body.ShouldContain("http_server_request_duration_seconds_bucket{");
    }

    [Fact]
    public async Task Metrics_OnItsOwnPort_ServedThereWithoutAToken_AndNotOnTheSitesPort()
    {
        using var factory = new ProductivityWebFactory(new Dictionary<string, string?>
        {
            ["OpenTelemetry:Prometheus:Enabled"] = "true",
            ["OpenTelemetry:Prometheus:Port"] = "9464",
        });
        var site = factory.CreateBrowserClient();
        var metricsPort = factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = new Uri("http://localhost:9464"),
        });

        (await metricsPort.GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await site.GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Theory]
    [InlineData("OpenTelemetry:Prometheus:Enabled", "true", "OpenTelemetry:Prometheus:Token (or OpenTelemetry:Prometheus:Port) must be set")]
    [InlineData("OpenTelemetry:Prometheus:Token", "short", "OpenTelemetry:Prometheus:Token must be at least 16 characters")]
    [InlineData("OpenTelemetry:Endpoint", "collector:4317", "OpenTelemetry:Endpoint must be an absolute http or https address")]
    [InlineData("OpenTelemetry:Prometheus:Port", "70000", "OpenTelemetry:Prometheus:Port must be a port number")]
    public void InvalidSetting_FailsValidation_NamingTheKey(string key, string value, string message)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value });
        builder.AddTelemetry();
        using var services = builder.Services.BuildServiceProvider();

        var error = Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<TelemetryOptions>>().Value);

        error.Message.ShouldContain(message);
    }

    [Fact]
    public async Task Request_WithAnOtlpEndpoint_IsTracedWithItsPathAndStatus()
    {
        var spans = new List<Activity>();
        using var factory = new ProductivityWebFactory(new Dictionary<string, string?>
        {
            // Nothing listens there: the OTLP export fails quietly in the background; the in-memory exporter sees the spans.
            ["OpenTelemetry:Endpoint"] = "http://127.0.0.1:9",
        });
        using var traced = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans))));
        var client = traced.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        var path = $"/telemetry-probe-{Guid.NewGuid():N}";

        var response = await client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Activity? span = null;
        for (var i = 0; i < 100 && span is null; i++)
        {
            span = spans.ToArray().FirstOrDefault(s => s.Kind == ActivityKind.Server && (s.GetTagItem("url.path") as string) == path);
            await Task.Delay(50);
        }
        span.ShouldNotBeNull("the request's server span was exported");
        span.GetTagItem("http.request.method").ShouldBe("GET");
        span.GetTagItem("http.response.status_code").ShouldBe(302);
    }

    private static HttpRequestMessage Scrape(string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return request;
    }
}
