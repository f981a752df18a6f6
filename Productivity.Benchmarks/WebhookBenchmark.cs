using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
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
    private const long ClockId = 4242;

    public static async Task<int> RunAsync(string[] args)
    {
        var pageCount = Options.Int(args, "--pages", 20);
        var events = Options.Int(args, "--events", 20);
        var interval = TimeSpan.FromMilliseconds(Options.Int(args, "--interval-ms", 3000));
        var employees = Options.Int(args, "--employees", 300);

        // One clock; the people who clock in during the run are added to it as they do.
        await using var connecteam = await FakeConnecteamServer.StartAsync();
        connecteam.AddClock(ClockId, "Bench clock", timeZone: "UTC");
        await using var app = await LiveDashboardApp.StartAsync(args.Contains("--mysql"), Options.Text(args, "--redis"), settings: new Dictionary<string, string?>
        {
            ["Connecteam:ApiKey"] = connecteam.ApiKey,
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
            connecteam.AddUser(userId, "Webhook", $"Person {i:D2}");
            connecteam.AddShift(ClockId, userId, $"bench-shift-{userId}", clockIn.UtcDateTime);
            var at = clockIn.ToUnixTimeSeconds();
            var body = string.Create(CultureInfo.InvariantCulture,
                $"{{\"requestId\":\"bench-{i}\",\"company\":\"bench\",\"eventType\":\"clock_in\",\"eventTimestamp\":{at},\"activityType\":\"shift\",\"data\":{{\"userId\":{userId},\"timeClockId\":{ClockId},\"start\":{{\"timestamp\":{at},\"timezone\":\"UTC\"}}}}}}");
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
            $"{events} events x {changes.Count} pages: {latency.Count}/{events * changes.Count} changes seen{(missing > 0 ? $", {missing} not within the event's interval" : "")}; the fake answered {connecteam.Requests.Count} requests"));
        if (latency.Count == 0)
        {
            return 1;
        }
        var sorted = latency.Order().ToArray();
        Console.WriteLine(Measurement.Invariant(
            $"latency, webhook POST (T0) -> the person's new state in the page's DOM: median {sorted[sorted.Length / 2]:F0} ms, p95 {sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * 0.95) - 1)]:F0} ms, max {sorted[^1]:F0} ms (target p95 <= 2,000 ms)"));
        return missing == 0 ? 0 : 1;
    }
}
