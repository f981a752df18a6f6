using OpenTelemetry.Exporter;

namespace Productivity.Web.Telemetry;

/// <summary>Where telemetry goes (README → Telemetry). With nothing set nothing is collected or exported.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "OpenTelemetry";

    /// <summary><c>OpenTelemetry:Endpoint</c>: the OTLP collector (e.g. <c>http://otel-collector:4317</c>); traces, metrics
    /// and logs are exported to it. Empty: no OTLP export and no traces.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary><c>OpenTelemetry:Protocol</c>: <c>Grpc</c> (default, port 4317) or <c>HttpProtobuf</c> (port 4318; the
    /// signal paths <c>/v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c> are appended to the endpoint).</summary>
    public OtlpExportProtocol Protocol { get; set; } = OtlpExportProtocol.Grpc;

    public PrometheusScrapeOptions Prometheus { get; set; } = new();
}

/// <summary>The Prometheus scrape endpoint <c>/metrics</c>.</summary>
public sealed class PrometheusScrapeOptions
{
    /// <summary>Shortest token accepted: a scrape token is a secret, not a password someone types.</summary>
    public const int MinTokenLength = 16;

    /// <summary><c>OpenTelemetry:Prometheus:Enabled</c>, default false: <c>/metrics</c> does not exist (404).</summary>
    public bool Enabled { get; set; }

    /// <summary><c>OpenTelemetry:Prometheus:Token</c>: the scraper sends <c>Authorization: Bearer &lt;token&gt;</c>; at least
    /// 16 characters, from the environment (<c>OpenTelemetry__Prometheus__Token</c>). Required unless <see cref="Port"/> is set.</summary>
    public string? Token { get; set; }

    /// <summary><c>OpenTelemetry:Prometheus:Port</c>: serve <c>/metrics</c> only on this port (which must also be one of the
    /// ports Kestrel listens on, e.g. <c>ASPNETCORE_URLS=http://+:8080;http://+:9464</c>) and keep that port off the proxy.</summary>
    public int? Port { get; set; }
}
