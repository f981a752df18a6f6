using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using Productivity.Web.Telemetry;

namespace Productivity.Benchmarks;

/// <summary>
/// "Telemetry on" for the benchmarks (<c>--telemetry</c>): a stand-in OpenTelemetry collector on loopback that accepts
/// OTLP/HTTP exports (traces, metrics, logs) and counts them, so the app pays the whole production path: every span and
/// measurement recorded, batched, serialised to protobuf and sent over HTTP. Declare it before the app so that it is disposed
/// after it. The collector's own work (reading the bodies)
/// runs in this process too, which makes the "on" numbers, if anything, pessimistic.
/// </summary>
public sealed class OtlpSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _requests;
    private long _bytes;

    private OtlpSink(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    /// <summary>The app's own settings that turn telemetry on and point it here (<c>OpenTelemetry:*</c>).</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["OpenTelemetry:Endpoint"] = Endpoint.ToString(),
        ["OpenTelemetry:Protocol"] = nameof(OtlpExportProtocol.HttpProtobuf),
    };

    public static async Task<OtlpSink> StartAsync()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var sink = new OtlpSink(app, new Uri($"http://127.0.0.1:{port}"));
        app.MapPost("/v1/{signal}", async (HttpContext context) =>
        {
            var buffer = new byte[16384];
            long read = 0;
            int n;
            while ((n = await context.Request.Body.ReadAsync(buffer)) > 0)
            {
                read += n;
            }
            Interlocked.Increment(ref sink._requests);
            Interlocked.Add(ref sink._bytes, read);
            // An empty protobuf message is a valid Export*ServiceResponse: everything accepted.
            context.Response.ContentType = "application/x-protobuf";
            return Results.Ok();
        });
        await app.StartAsync();
        return sink;
    }

    /// <summary>The app's tracing and metrics (<see cref="TelemetryRegistration"/>) on a plain host, exporting here.</summary>
    public void AddTo(IServiceCollection services) => services.AddOpenTelemetry()
        .WithTracing(TelemetryRegistration.Traces)
        .WithMetrics(TelemetryRegistration.Metrics)
        .UseOtlpExporter(OtlpExportProtocol.HttpProtobuf, Endpoint);

    /// <summary>Disposed after the app (declared before it), whose shutdown flushed its last exports: prints what arrived.</summary>
    public async ValueTask DisposeAsync()
    {
        Console.WriteLine(Measurement.Invariant($"OTLP sink received {Interlocked.Read(ref _requests)} exports, {Interlocked.Read(ref _bytes) / 1024.0:N0} KiB"));
        await _app.DisposeAsync();
    }
}
