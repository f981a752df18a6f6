using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Productivity.Core.Employees;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Benchmarks;

/// <summary>
/// Webhook latency: N signed-in Manager dashboards (headless Chromium) on a live day of 300 people; per event one more
/// person clocks in on a local fake Connecteam and a <c>clock_in</c> webhook is POSTed to the app (jobs on, the shift
/// poll at 10 hours, so only the webhook's re-read can bring the person in). T0 is the POST; T1 is, per page, the
/// <c>Date.now()</c> at which the KPI "Clocked in now / worked" changes. Events are <c>--interval-ms</c> apart (default
/// 3,000) so each change belongs to one event. Event 0 warms up and is not counted.
/// <c>webhook [--pages 20] [--events 20] [--interval-ms 3000] [--employees 300] [--mysql] [--redis host:port]</c>
/// </summary>
public static class WebhookBenchmark
{
    private const string Token = "bench-webhook-token-0123456789abcdef0123456789";
    private const string PeopleKpi = "[data-testid='kpi-people-value']";
    private const long FirstUserId = 990_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var pageCount = Options.Int(args, "--pages", 20);
        var events = Options.Int(args, "--events", 20);
        var interval = TimeSpan.FromMilliseconds(Options.Int(args, "--interval-ms", 3000));
        var employees = Options.Int(args, "--employees", 300);

        await using var connecteam = await TimeClockApi.StartAsync();
        await using var app = await LiveDashboardApp.StartAsync(args.Contains("--mysql"), Options.Text(args, "--redis"), settings: new Dictionary<string, string?>
        {
            ["Connecteam:ApiKey"] = TimeClockApi.ApiKey,
            ["Connecteam:BaseUrl"] = connecteam.BaseUrl,
            ["Connecteam:WebhookToken"] = Token,
            ["Jobs:Enabled"] = "true",
            ["Jobs:ShiftSyncMinutes"] = "600",
        });
        var seeded = await app.SeedTodayAsync(employees);
        // The people who will clock in: employees linked to the fake's users, not on the floor yet.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
            for (var i = 0; i <= events; i++)
            {
                db.Employees.Add(new Employee { Name = $"Webhook Person {i:D2}", ConnecteamUserId = FirstUserId + i, CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow });
            }
            await db.SaveChangesAsync();
        }
        Console.WriteLine(Measurement.Invariant(
            $"webhook: {app.Storage}, {employees} employees clocked in, {app.ActivityRows:N0} windows today, seeded and scored in {seeded:F0} s; jobs on, shift poll every 10 h"));

        await using var pages = BrowserPages.Start(app.BaseAddress, LiveDashboardApp.ManagerEmail, LiveDashboardApp.ManagerPassword, PeopleKpi);
        await pages.OpenAsync(pageCount);
        Console.WriteLine(Measurement.Invariant($"{pages.Count} pages open; {events} events {interval.TotalMilliseconds:F0} ms apart"));

        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var posted = new DateTimeOffset[events + 1];
        for (var i = 0; i <= events; i++)
        {
            var userId = FirstUserId + i;
            var clockIn = DateTimeOffset.UtcNow.AddSeconds(-30);
            connecteam.ClockIn(userId, clockIn);
            var at = clockIn.ToUnixTimeSeconds();
            var body = string.Create(CultureInfo.InvariantCulture,
                $"{{\"requestId\":\"bench-{i}\",\"company\":\"bench\",\"eventType\":\"clock_in\",\"eventTimestamp\":{at},\"activityType\":\"shift\",\"data\":{{\"userId\":{userId},\"timeClockId\":{TimeClockApi.ClockId},\"start\":{{\"timestamp\":{at},\"timezone\":\"UTC\"}}}}}}");
            posted[i] = DateTimeOffset.UtcNow;
            using var response = await http.PostAsync($"/webhooks/connecteam/{Token}", new StringContent(body, Encoding.UTF8, "application/json"));
            if ((int)response.StatusCode != StatusCodes.Status202Accepted)
            {
                Console.WriteLine(Measurement.Invariant($"event {i}: the webhook answered {(int)response.StatusCode}; stopping"));
                return 1;
            }
            var rest = interval - (DateTimeOffset.UtcNow - posted[i]);
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest);
            }
        }
        await Task.Delay(interval);

        var changes = await pages.CollectAsync();
        var latency = new List<double>();
        var missing = 0;
        for (var i = 1; i <= events; i++)
        {
            var t0 = (posted[i] - DateTimeOffset.UnixEpoch).TotalMilliseconds;
            var next = i < events ? (posted[i + 1] - DateTimeOffset.UnixEpoch).TotalMilliseconds : double.MaxValue;
            foreach (var page in changes)
            {
                var shown = page.FirstOrDefault(c => c.UnixMilliseconds >= t0 && c.UnixMilliseconds < next);
                if (shown.Text is null)
                {
                    missing++;
                    continue;
                }
                latency.Add(shown.UnixMilliseconds - t0);
            }
        }
        Console.WriteLine(Measurement.Invariant(
            $"{events} events x {changes.Count} pages: {latency.Count}/{events * changes.Count} changes seen{(missing > 0 ? $", {missing} not within the event's interval" : "")}; the fake answered {connecteam.Requests} requests"));
        if (latency.Count == 0)
        {
            return 1;
        }
        var sorted = latency.Order().ToArray();
        Console.WriteLine(Measurement.Invariant(
            $"latency, webhook POST (T0) -> the person's new state in the page's DOM: median {sorted[sorted.Length / 2]:F0} ms, p95 {sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * 0.95) - 1)]:F0} ms, max {sorted[^1]:F0} ms (target p95 <= 2,000 ms)"));
        return missing == 0 ? 0 : 1;
    }

    /// <summary>
    /// A minimal Connecteam time clock on loopback for the benchmark: one clock, the users who clock in during the run,
    /// their open shifts (time activities, honouring <c>userIds</c>), no break types; answers in well under 50 ms.
    /// </summary>
    private sealed class TimeClockApi : IAsyncDisposable
    {
        public const string ApiKey = "bench-key";
        public const long ClockId = 4242;

        private readonly WebApplication _app;
        private readonly ConcurrentDictionary<long, DateTimeOffset> _clockIns = new();
        private int _requests;

        private TimeClockApi(WebApplication app) => _app = app;

        public string BaseUrl { get; private set; } = "";

        public int Requests => _requests;

        public void ClockIn(long userId, DateTimeOffset at) => _clockIns[userId] = at;

        public static async Task<TimeClockApi> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var api = new TimeClockApi(app);
            app.Use(async (context, next) =>
            {
                Interlocked.Increment(ref api._requests);
                await next(context);
            });
            app.MapGet("/me", () => Json(new JsonObject()));
            app.MapGet("/users/v1/users", () => Json(new JsonObject
            {
                ["users"] = new JsonArray([.. api._clockIns.Keys.Order().Select(id => (JsonNode)new JsonObject
                {
                    ["userId"] = id, ["firstName"] = "Webhook", ["lastName"] = $"Person {id - FirstUserId:D2}", ["phoneNumber"] = "",
                    ["userType"] = "user", ["isArchived"] = false,
                })]),
            }));
            app.MapGet("/time-clock/v1/time-clocks", () => Json(new JsonObject
            {
                ["timeClocks"] = new JsonArray(new JsonObject { ["id"] = ClockId, ["name"] = "Bench clock", ["isArchived"] = false }),
            }));
            app.MapGet("/time-clock/v1/time-clocks/{id:long}/manual-breaks", () => Json(new JsonObject { ["manualBreaks"] = new JsonArray() }));
            app.MapGet("/time-clock/v1/time-clocks/{id:long}/time-activities", (HttpRequest request) =>
            {
                var only = request.Query["userIds"].Select(v => long.Parse(v!, CultureInfo.InvariantCulture)).ToHashSet();
                var entries = new JsonArray();
                foreach (var (userId, at) in api._clockIns.Where(p => only.Count == 0 || only.Contains(p.Key)).OrderBy(p => p.Key))
                {
                    entries.Add(new JsonObject
                    {
                        ["userId"] = userId,
                        ["shifts"] = new JsonArray(new JsonObject
                        {
                            ["id"] = $"bench-shift-{userId}",
                            ["start"] = new JsonObject { ["timestamp"] = at.ToUnixTimeSeconds(), ["timezone"] = "UTC" },
                        }),
                        ["manualBreaks"] = new JsonArray(),
                        ["timeOffs"] = new JsonArray(),
                    });
                }
                return Json(new JsonObject { ["timeActivitiesByUsers"] = entries });
            });
            await app.StartAsync();
            api.BaseUrl = app.Urls.First();
            return api;
        }

        private static IResult Json(JsonObject data) =>
            Results.Text(new JsonObject { ["requestId"] = Guid.NewGuid().ToString("N"), ["data"] = data }.ToJsonString(), "application/json");

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
