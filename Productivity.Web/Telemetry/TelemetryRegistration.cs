using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Productivity.Infrastructure.Telemetry;
using Quartz.Diagnostics;

namespace Productivity.Web.Telemetry;

/// <summary>
/// OpenTelemetry for the site (decision record 0025): traces (requests, Quartz jobs, syncs, recomputes, outgoing HTTP,
/// MySQL/MariaDB commands) exported over OTLP when <c>OpenTelemetry:Endpoint</c> is set; metrics (the app's
/// <see cref="ProductivityTelemetry"/> instruments, Quartz, MySqlConnector, ASP.NET Core, HttpClient, the runtime)
/// exported over OTLP and/or served to Prometheus at <c>/metrics</c>. With neither configured the SDK is not even
/// registered: nothing listens, so no span is created and every measurement ends at its instrument.
/// </summary>
public static class TelemetryRegistration
{
    public const string MetricsPath = "/metrics";
    public const string ServiceName = "productivity";

    /// <summary>MySqlConnector's span source and meter (it instruments itself, EF Core's commands included).</summary>
    private const string MySqlConnectorName = "MySqlConnector";

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        builder.Services.AddScoped<CircuitHandler, CircuitTelemetry>();

        // Read leniently here: a bad value is reported, naming its key, by the validation at start-up.
        var section = builder.Configuration.GetSection(TelemetryOptions.SectionName);
        var endpoint = Uri.TryCreate(section["Endpoint"], UriKind.Absolute, out var uri) ? uri : null;
        var prometheus = bool.TryParse(section["Prometheus:Enabled"], out var enabled) && enabled;
        if (endpoint is null && !prometheus)
        {
            return builder;
        }
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics =>
            {
                Metrics(metrics);
                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        if (endpoint is not null)
        {
            var protocol = Enum.TryParse<OtlpExportProtocol>(section["Protocol"], ignoreCase: true, out var p) ? p : OtlpExportProtocol.Grpc;
            telemetry
                .WithTracing(Traces)
                .UseOtlpExporter(protocol, endpoint);
        }
        return builder;
    }

    /// <summary>What is traced (also used by the benchmarks' "telemetry on" runs).</summary>
    public static void Traces(TracerProviderBuilder tracing) => tracing
        .AddSource(ProductivityTelemetry.Name, QuartzInstrumentation.ActivitySourceName, MySqlConnectorName)
        .AddAspNetCoreInstrumentation(options => options.Filter = IsTraced)
        .AddHttpClientInstrumentation();

    /// <summary>What is measured (also used by the benchmarks' "telemetry on" runs).</summary>
    public static void Metrics(MeterProviderBuilder metrics) => metrics
        .AddMeter(ProductivityTelemetry.Name, QuartzInstrumentation.MeterName, MySqlConnectorName)
        .AddAspNetCoreInstrumentation()
        .AddHttpClientInstrumentation()
        .AddRuntimeInstrumentation();

    public static WebApplication MapTelemetry(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.Prometheus;
        if (!options.Enabled)
        {
            return app;
        }
        var expected = options.Token is { Length: > 0 } token ? SHA256.HashData(Encoding.UTF8.GetBytes(token)) : null;
        var endpoint = app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null,
                configureBranchedPipeline: expected is null ? null : branch => branch.Use((context, next) => RequireTokenAsync(context, next, expected)),
                optionsName: null)
            .AllowAnonymous()
            // A refused scrape stays a bare 401, not the site's not-found page.
            .WithMetadata(new SkipStatusCodePagesAttribute());
        if (options.Port is { } port)
        {
            endpoint.RequireHost($"*:{port}");
        }
        return app;
    }

    private static Task RequireTokenAsync(HttpContext context, RequestDelegate next, byte[] expected)
    {
        const string Bearer = "Bearer ";
        var header = context.Request.Headers.Authorization.ToString();
        var given = header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) ? header[Bearer.Length..].Trim() : "";
        // Hashes of equal length, compared in constant time: neither the token's content nor its length leaks.
        if (CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), expected))
        {
            return next(context);
        }
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }

    // Probes and scrapes every few seconds would drown the requests worth tracing.
    private static bool IsTraced(HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments(MetricsPath);
}
