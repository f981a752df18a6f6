using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Productivity.Core.Api;
using Productivity.Core.Security;
using Productivity.Infrastructure.Api;
using Productivity.Infrastructure.Identity;
using Productivity.Web.Components;
using Productivity.Web.Security;

namespace Productivity.Benchmarks;

/// <summary>
/// The read API through the whole site in memory (its own Program, SQLite, TestServer, a bearer token):
/// <list type="number">
/// <item><c>GET /api/v1/scores</c> for a month of 500 employees (500 × 31 stored days), walked page by page with the
/// default page size (500 rows, 31 pages) and with the largest (1,000, 16 pages). <b>Cold</b> = a freshly started
/// process (no JIT, no EF query cache, new SQLite connections with an empty page cache; the file may be in the OS's
/// cache) and its first walk; each of <c>--processes</c> child processes does one cold walk then warm walks.</item>
/// <item>The rate limiter's cost per request: <c>GET /api/v1/employees?limit=1</c> with the API policy replaced by no
/// limiter, and with the real policy (limit raised out of reach), counted in memory and in Redis.</item>
/// </list>
/// </summary>
public static class ApiBenchmark
{
    private const string ChildFlag = "--child";
    private const string TokenVariable = "PRODUCTIVITY_BENCH_API_TOKEN";
    private const int Employees = 500;
    private const string ColdLine = "#cold ";

    public static async Task<int> RunAsync(string[] args)
    {
        if (Options.Text(args, ChildFlag) is { } folderOfChild)
        {
            return await WalkInThisProcessAsync(folderOfChild, Options.Int(args, "--warm", 5));
        }
        var processes = Options.Int(args, "--processes", 5);
        var requests = Options.Int(args, "--requests", 2000);
        var folder = Directory.CreateTempSubdirectory("productivity-api-bench-");
        try
        {
            string token;
            var seeding = Stopwatch.StartNew();
            await using (var factory = new Factory(folder.FullName, null, withLimiter: true))
            {
                await StoredMonth.SeedAsync(factory.Services, Employees);
                token = await CreateTokenAsync(factory.Services);
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Console.WriteLine(Measurement.Invariant(
                $"api: {Employees} employees × {StoredMonth.Days} days = {Employees * StoredMonth.Days:N0} daily scores, SQLite (seeded in {seeding.Elapsed.TotalSeconds:F1} s)"));
            Console.WriteLine($"GET /api/v1/scores?from={Iso(StoredMonth.First)}&to={Iso(StoredMonth.Last)}, walked by cursor; {processes} fresh processes, one cold walk each then 5 warm walks");
            var failed = 0;
            var coldTimes = new List<double>();
            for (var i = 0; i < processes; i++)
            {
                var (exitCode, output) = await RunChildAsync(folder.FullName, token);
                foreach (var line in output.Split('\n'))
                {
                    if (line.StartsWith(ColdLine, StringComparison.Ordinal))
                    {
                        coldTimes.AddRange(line[ColdLine.Length..].Split(',').Select(t => double.Parse(t, CultureInfo.InvariantCulture)));
                    }
                    else if (line.Length > 0)
                    {
                        Console.WriteLine(line);
                    }
                }
                failed += exitCode == 0 ? 0 : 1;
            }
            Console.WriteLine(Measurement.Invariant(
                $"  all cold walks at limit 500 ({coldTimes.Count} requests in {processes} processes): median {Median(coldTimes):F1} ms, p95 {P95(coldTimes):F1} ms, max {coldTimes.Max():F1} ms"));
            Console.WriteLine();
            Console.WriteLine($"Rate limiter per request: GET /api/v1/employees?limit=1, {requests} requests per configuration after 200 warm-up, one client, in 10 interleaved rounds:");
            await LimiterOverheadAsync(folder.FullName, token, requests, Environment.GetEnvironmentVariable("PRODUCTIVITY_BENCH_REDIS")
                ?? Environment.GetEnvironmentVariable("PRODUCTIVITY_TEST_REDIS"));
            return failed;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task<int> WalkInThisProcessAsync(string folder, int warmWalks)
    {
        var token = Environment.GetEnvironmentVariable(TokenVariable)!;
        await using var factory = new Factory(folder, null, withLimiter: true);
        using var client = Client(factory, token);
        foreach (var limit in new[] { 500, 1000 })
        {
            var cold = new List<double>();
            var (rows, coldWalk) = await WalkAsync(client, limit, cold);
            var first = cold[0];
            if (limit == 500)
            {
                Console.WriteLine(ColdLine + string.Join(',', cold.Select(t => t.ToString("F2", CultureInfo.InvariantCulture))));
            }
            var warm = new List<double>();
            var warmWalk = new List<double>();
            for (var i = 0; i < warmWalks; i++)
            {
                var (warmRows, total) = await WalkAsync(client, limit, warm);
                warmWalk.Add(total);
                if (warmRows != rows)
                {
                    throw new InvalidOperationException($"A warm walk read {warmRows} rows, the cold one {rows}.");
                }
            }
            Console.WriteLine(Measurement.Invariant(
                $"  limit {limit,4}: {rows:N0} rows in {cold.Count} pages | cold: first request {first:F1} ms, per request median {Median(cold):F1} ms, p95 {P95(cold):F1} ms, max {cold.Max():F1} ms, whole walk {coldWalk:F0} ms | warm: per request median {Median(warm):F1} ms, p95 {P95(warm):F1} ms, whole walk median {Median(warmWalk):F0} ms"));
            // The second limit's "cold" walk runs in a process that already walked once: only the first limit is truly cold.
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
        return 0;
    }

    private static async Task<(int Rows, double TotalMs)> WalkAsync(HttpClient client, int limit, List<double> perRequest)
    {
        var rows = 0;
        string? cursor = null;
        var walk = Stopwatch.StartNew();
        do
        {
            var url = $"/api/v1/scores?from={Iso(StoredMonth.First)}&to={Iso(StoredMonth.Last)}&limit={limit}"
                + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var start = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsByteArrayAsync();
            perRequest.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
            }
            using var json = JsonDocument.Parse(body);
            rows += json.RootElement.GetProperty("items").GetArrayLength();
            cursor = json.RootElement.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);
        return (rows, walk.Elapsed.TotalMilliseconds);
    }

    private static async Task LimiterOverheadAsync(string folder, string token, int requests, string? redis)
    {
        var configurations = new List<(string Name, string? Redis, bool Limiter)> { ("memory, no limiter", null, false), ("memory, limiter", null, true) };
        if (redis is not null)
        {
            configurations.Add(("Redis, no limiter", redis, false));
            configurations.Add(("Redis, limiter", redis, true));
        }
        else
        {
            Console.WriteLine("  (no PRODUCTIVITY_BENCH_REDIS / PRODUCTIVITY_TEST_REDIS: Redis not measured)");
        }
        // All hosts up and warm first, then rounds in turn, so that drift of the machine's load hits every configuration alike.
        var hosts = new List<(string Name, Factory Factory, HttpClient Client, List<double> Times)>();
        try
        {
            foreach (var (name, redisConnection, limiter) in configurations)
            {
                var factory = new Factory(folder, redisConnection, limiter);
                var client = Client(factory, token);
                for (var i = 0; i < 200; i++)
                {
                    (await client.GetAsync("/api/v1/employees?limit=1")).EnsureSuccessStatusCode();
                }
                hosts.Add((name, factory, client, new List<double>(requests)));
            }
            const int rounds = 10;
            for (var round = 0; round < rounds; round++)
            {
                foreach (var host in hosts)
                {
                    for (var i = 0; i < requests / rounds; i++)
                    {
                        var start = Stopwatch.GetTimestamp();
                        using var response = await host.Client.GetAsync("/api/v1/employees?limit=1");
                        await response.Content.ReadAsByteArrayAsync();
                        host.Times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                        response.EnsureSuccessStatusCode();
                    }
                }
            }
        }
        finally
        {
            foreach (var host in hosts)
            {
                host.Client.Dispose();
                await host.Factory.DisposeAsync();
            }
        }
        var medians = new Dictionary<string, double>();
        foreach (var host in hosts)
        {
            medians[host.Name] = Median(host.Times);
            Console.WriteLine(Measurement.Invariant($"  {host.Name,-20} median {Median(host.Times):F3} ms, p95 {P95(host.Times):F3} ms"));
        }
        var memory = medians["memory, limiter"] - medians["memory, no limiter"];
        Console.WriteLine(redis is null
            ? Measurement.Invariant($"  limiter overhead (difference of medians): memory {memory:F3} ms")
            : Measurement.Invariant($"  limiter overhead (difference of medians): memory {memory:F3} ms, Redis {medians["Redis, limiter"] - medians["Redis, no limiter"]:F3} ms"));
    }

    private static async Task<string> CreateTokenAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = "api-bench@bench.test", Email = "api-bench@bench.test", EmailConfirmed = true };
        if (!(await users.CreateAsync(user, "Api-Bench-Password-1")).Succeeded || !(await users.AddToRoleAsync(user, Roles.Admin)).Succeeded)
        {
            throw new InvalidOperationException("Could not create the benchmark's user.");
        }
        var actor = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>().CreateAsync(user);
        var created = await services.GetRequiredService<ApiTokenService>().CreateAsync(actor, user.Id, "bench", ApiScopes.ReadScores, 1);
        return created.Secret;
    }

    private static async Task<(int ExitCode, string Output)> RunChildAsync(string folder, string token)
    {
        var dll = typeof(ApiBenchmark).Assembly.Location;
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(dll);
        }
        foreach (var argument in new[] { "api", ChildFlag, folder })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment[TokenVariable] = token;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    private static HttpClient Client(Factory factory, string token)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static double P95(List<double> values) => values.Order().ElementAt(Math.Min(values.Count - 1, (int)Math.Ceiling(values.Count * 0.95) - 1));

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed class Factory(string folder, string? redis, bool withLimiter) : WebApplicationFactory<App>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Benchmark");
            builder.UseSetting("Data:Folder", folder);
            builder.UseSetting("Jobs:Enabled", "false");
            builder.UseSetting("Security:Api:RequestsPerToken", "1000000");
            builder.UseSetting("Security:Api:WindowSeconds", "86400");
            if (redis is not null)
            {
                builder.UseSetting("ConnectionStrings:Redis", redis);
            }
            builder.ConfigureLogging(logging => logging.ClearProviders());
            if (!withLimiter)
            {
                // "Without the limiter": the same pipeline, its policies answering with no limiter at all.
                builder.ConfigureTestServices(services =>
                {
                    services.RemoveAll<IConfigureOptions<RateLimiterOptions>>();
                    services.Configure<RateLimiterOptions>(options =>
                    {
                        options.AddPolicy(RateLimits.ApiPolicy, _ => RateLimitPartition.GetNoLimiter(""));
                        options.AddPolicy(RateLimits.WebhookPolicy, _ => RateLimitPartition.GetNoLimiter(""));
                    });
                });
            }
        }
    }
}
