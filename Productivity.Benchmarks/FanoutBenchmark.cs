using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Productivity.Core.Realtime;
using Productivity.Infrastructure.Caching;
using Productivity.Infrastructure.Realtime;

namespace Productivity.Benchmarks;

/// <summary>
/// Fan-out of the dashboard hub: N WebSocket clients (signed in as a dashboard user) stay connected to the real app while
/// score updates are published the way another node publishes them (Redis channel <c>productivity:scores</c>); the app
/// relays each one through its hub bridge to every connection. Latency per delivery is
/// receive time minus publish time (one machine, one clock). Bounded: N connections, 1 + M updates (the first a warm-up), 10 s per update.
/// <c>fanout [--connections 2000] [--messages 20] [--interval-ms 1000] [--redis 127.0.0.1:63791] [--web path/to/Productivity.Web.dll]</c>
/// </summary>
public static class FanoutBenchmark
{
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(10);
    private const int ConnectBatch = 100;

    public static async Task<int> RunAsync(string[] args)
    {
        var connections = Option(args, "--connections", 2000);
        var messages = Option(args, "--messages", 20);
        var interval = TimeSpan.FromMilliseconds(Option(args, "--interval-ms", 1000));
        var redis = OptionText(args, "--redis") ?? Environment.GetEnvironmentVariable("PRODUCTIVITY_TEST_REDIS") ?? "127.0.0.1:63791";
        var webDll = OptionText(args, "--web") ?? FindWebDll();

        using var app = await FanoutApp.StartAsync(webDll, redis);
        var cookie = await app.SignInAsync();
        var baseline = app.WorkingSetMegabytes();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fanout: app {app.BaseAddress} (pid {app.ProcessId}), {baseline:F0} MB before clients"));

        var latencies = new ConcurrentBag<double>();
        // Update 0 warms the path up (JIT, first Redis round trips) and is not counted.
        var received = new int[messages + 1];
        var hubs = new List<HubConnection>(connections);
        var connecting = Stopwatch.StartNew();
        var failed = 0;
        try
        {
            for (var start = 0; start < connections; start += ConnectBatch)
            {
                var batch = Enumerable.Range(start, Math.Min(ConnectBatch, connections - start))
                    .Select(_ => Connect(app.BaseAddress, cookie, latencies, received)).ToList();
                hubs.AddRange(batch);
                var results = await Task.WhenAll(batch.Select(async hub =>
                {
                    try
                    {
                        await hub.StartAsync();
                        return true;
                    }
                    catch (Exception ex) when (ex is HttpRequestException or IOException or System.Net.WebSockets.WebSocketException or TimeoutException)
                    {
                        return false;
                    }
                }));
                failed += results.Count(ok => !ok);
            }
            var connected = hubs.Count(h => h.State == HubConnectionState.Connected);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"connected {connected}/{connections} in {connecting.Elapsed.TotalSeconds:F1} s ({failed} failed); app {app.WorkingSetMegabytes():F0} MB"));

            using var redisConnection = new RedisConnection(redis);
            var publisher = new ScoreUpdateNotifier(NullLogger<ScoreUpdateNotifier>.Instance, redisConnection);
            await Task.Delay(TimeSpan.FromSeconds(2));
            var complete = 0;
            for (var i = 0; i <= messages; i++)
            {
                var sent = Stopwatch.StartNew();
                await publisher.PublishAsync(new ScoresUpdated([DateOnly.FromDateTime(DateTime.UtcNow)], [i], DateTimeOffset.UtcNow));
                while (Volatile.Read(ref received[i]) < connected && sent.Elapsed < DeliveryTimeout)
                {
                    await Task.Delay(5);
                }
                if (i > 0 && Volatile.Read(ref received[i]) >= connected)
                {
                    complete++;
                }
                var rest = interval - sent.Elapsed;
                if (rest > TimeSpan.Zero)
                {
                    await Task.Delay(rest);
                }
            }

            var sorted = latencies.Order().ToArray();
            var expected = (long)connected * messages;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{messages} updates x {connected} connections: delivered {sorted.Length:N0}/{expected:N0}, {complete}/{messages} updates reached every connection"));
            if (sorted.Length > 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"latency publish -> client: median {Percentile(sorted, 0.50):F1} ms, p95 {Percentile(sorted, 0.95):F1} ms, p99 {Percentile(sorted, 0.99):F1} ms, max {sorted[^1]:F1} ms"));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"app working set with clients: {app.WorkingSetMegabytes():F0} MB"));
            return sorted.Length == expected ? 0 : 1;
        }
        finally
        {
            await Task.WhenAll(hubs.Select(h => h.DisposeAsync().AsTask()));
        }
    }

    private static HubConnection Connect(Uri baseAddress, string cookie, ConcurrentBag<double> latencies, int[] received)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "hubs/dashboard"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.Headers["Cookie"] = cookie;
            })
            .Build();
        hub.On<DateOnly[], int[], DateTimeOffset>("ScoresUpdated", (_, employees, occurredAt) =>
        {
            var index = employees[0];
            if (index > 0)
            {
                latencies.Add((DateTimeOffset.UtcNow - occurredAt).TotalMilliseconds);
            }
            if (index >= 0 && index < received.Length)
            {
                Interlocked.Increment(ref received[index]);
            }
        });
        return hub;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * p) - 1)];

    private static int Option(string[] args, string name, int defaultValue) =>
        OptionText(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : defaultValue;

    private static string? OptionText(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static string FindWebDll()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var dll = Path.Combine(dir.FullName, "Productivity.Web", "bin", "Release", "net10.0", "Productivity.Web.dll");
            if (File.Exists(dll))
            {
                return dll;
            }
        }
        throw new FileNotFoundException("Build the app first: dotnet build -c Release Productivity.Web (or pass --web).");
    }
}
