using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Productivity.Core.Realtime;
using Productivity.Core.Sync;
using Productivity.Infrastructure.Integrations.Connecteam;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Sync;
using Productivity.Tests.TestSupport;
using Quartz;

namespace Productivity.Tests.Web.Webhooks;

/// <summary>
/// The webhook through the whole site (SQLite, the app's own Quartz scheduler in memory) against the fake Connecteam
/// over HTTP: what is refused, what is queued, and that the queued re-read stores the shift and notifies the recompute.
/// </summary>
public sealed class ConnecteamWebhookTests : IAsyncLifetime
{
    private const string Token = "wh_0123456789abcdefghijklmnopqrstuvwxyz";
    private const long ClockId = 4242;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private readonly LogCollector _logs = new();
    private FakeConnecteamServer _connecteam = null!;
    private ProductivityWebFactory _site = null!;
    private WebApplicationFactory<Program> _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _connecteam = await FakeConnecteamServer.StartAsync();
        _connecteam.AddClock(ClockId, "Warehouse");
        _connecteam.AddUser(1, "Ana", "Lopez", "ana@example.test");
        _connecteam.AddUser(2, "Ben", "Ng", "ben@example.test");
        _connecteam.AssignUser(ClockId, 1);
        _connecteam.AssignUser(ClockId, 2);
        // Ben has been clocked in for an hour: the start-up sync stores his shift.
        _connecteam.AddShift(ClockId, 2, "65b0000000000000000000b2", DateTime.UtcNow.AddHours(-1));
        await StartSiteAsync(Token);
    }

    private async Task StartSiteAsync(string? token)
    {
        _site = new ProductivityWebFactory(new Dictionary<string, string?>
        {
            ["Connecteam:ApiKey"] = _connecteam.ApiKey,
            ["Connecteam:BaseUrl"] = _connecteam.BaseUrl,
            ["Connecteam:WebhookToken"] = token,
            ["Jobs:Enabled"] = "true",
            // Only the webhook can explain a change after start-up.
            ["Jobs:ShiftSyncMinutes"] = "600",
        });
        _app = _site.WithWebHostBuilder(builder =>
        {
            builder.ConfigureLogging(logging => logging.AddProvider(_logs));
            builder.ConfigureTestServices(services => services.AddSingleton(new ConnecteamRetryPolicy
            {
                BaseDelay = TimeSpan.FromMilliseconds(10),
                MaxDelay = TimeSpan.FromMilliseconds(50),
            }));
        });
        _client = _app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        // The start-up runs (the shift sync's first firing, the employee and reconciliation catch-ups) finish before a
        // test begins: they would otherwise take the faults a test injects.
        string[] startUp = [SyncJobs.Shifts, SyncJobs.Employees, SyncJobs.Reconciliation];
        await WaitUntilAsync(async db => await db.SyncRuns.Where(r => r.FinishedUtc != null && startUp.Contains(r.Job))
            .Select(r => r.Job).Distinct().CountAsync() == startUp.Length);
        _connecteam.ClearRequests();
    }

    [Fact]
    public async Task WrongToken_Is404_AndNeitherTokenIsLogged()
    {
        var response = await PostAsync("wh_wrong_wrong_wrong_wrong_wrong_wrong_wrong", ClockIn("r-1", userId: 1));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldBeEmpty("a machine call gets the bare status, not the not-found page");
        _logs.Lines.ShouldContain(l => l.Contains("refused: wrong token"));
        _logs.Lines.ShouldAllBe(l => !l.Contains("wh_wrong") && !l.Contains(Token));
        (await CallsAsync()).ShouldHaveSingleItem().Outcome.ShouldBe(WebhookCallOutcome.Rejected);
        UserReads(1).ShouldBe(0);
    }

    [Fact]
    public async Task NoTokenConfigured_EveryCallIs404()
    {
        await _app.DisposeAsync();
        await _site.DisposeAsync();
        await StartSiteAsync(token: null);

        (await PostAsync(Token, ClockIn("r-1", userId: 1))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PostAsync("wh_wrong_wrong_wrong_wrong_wrong_wrong_wrong", ClockIn("r-2", userId: 1))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await CallsAsync()).ShouldAllBe(c => c.Outcome == WebhookCallOutcome.Rejected && c.Reason == "no webhook token configured");
        UserReads(1).ShouldBe(0);
    }

    [Theory]
    [InlineData("oversize")]
    [InlineData("{\"requestId\": \"r-1\", \"eventType\": ")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"eventType\": \"clock_in\", \"data\": {\"userId\": 1}}")]
    [InlineData("{\"requestId\": \"r-1\", \"eventType\": \"clock_in\", \"data\": \"not an object\"}")]
    public async Task OversizeMalformedOrNoEnvelope_Is400_AndRecordedAsRejected(string body)
    {
        if (body == "oversize")
        {
            body = ClockIn("r-big", 1).Replace("\"activityType\"", $"\"padding\": \"{new string('x', 70_000)}\", \"activityType\"", StringComparison.Ordinal);
        }

        var response = await PostAsync(Token, body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await CallsAsync()).ShouldHaveSingleItem().Outcome.ShouldBe(WebhookCallOutcome.Rejected);
        UserReads(1).ShouldBe(0);
    }

    [Fact]
    public async Task ClockIn_Is202_ThenTheUsersDayIsReReadStoredAndRescored_AndNobodyElseIsTouched()
    {
        var updates = new ConcurrentQueue<ScoresUpdated>();
        using var subscription = _app.Services.GetRequiredService<IScoreUpdateFeed>().Subscribe(u =>
        {
            updates.Enqueue(u);
            return Task.CompletedTask;
        });
        var clockIn = DateTime.UtcNow.AddMinutes(-1);
        _connecteam.AddShift(ClockId, 1, "65b0000000000000000000a1", clockIn);

        var response = await PostAsync(Token, ClockIn("r-1", userId: 1, clockIn));

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await WaitUntilAsync(async db => await db.Shifts.AnyAsync(s => s.ConnecteamShiftId == "65b0000000000000000000a1"));
        var ana = await QueryAsync(db => db.Employees.SingleAsync(e => e.ConnecteamUserId == 1));
        await WaitUntilAsync(_ => Task.FromResult(updates.Any(u => u.EmployeeIds.Contains(ana.Id))));
        // A targeted read: Ben is absent from the filtered response, and his open shift stays.
        (await QueryAsync(db => db.Shifts.CountAsync(s => s.ConnecteamShiftId == "65b0000000000000000000b2"))).ShouldBe(1);
        UserReads(1).ShouldBe(1);
        _connecteam.Requests.Where(IsActivities).ShouldAllBe(r => r["userIds"] == "1");
        var run = await QueryAsync(db => db.SyncRuns.SingleAsync(r => r.Job == SyncJobs.Webhook));
        run.Trigger.ShouldBe(SyncTriggers.Webhook);
        run.Added.ShouldBe(1);
        (await CallsAsync()).ShouldHaveSingleItem().Outcome.ShouldBe(WebhookCallOutcome.Queued);
    }

    [Fact]
    public async Task SameDeliveryTwice_AndTwoEventsWhileTheReadIsPending_AreOneReRead()
    {
        var scheduler = await _app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        // Nothing fires while the events arrive, so the read is certainly still pending for the later ones.
        await scheduler.Standby();
        _connecteam.AddShift(ClockId, 1, "65b0000000000000000000a1", DateTime.UtcNow.AddMinutes(-1));

        (await PostAsync(Token, ClockIn("r-1", userId: 1))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await PostAsync(Token, ClockIn("r-1", userId: 1))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await PostAsync(Token, ClockIn("r-2", userId: 1, eventType: "clock_out"))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await scheduler.Start();

        await WaitUntilAsync(async db => await db.SyncRuns.AnyAsync(r => r.Job == SyncJobs.Webhook && r.FinishedUtc != null));
        await Task.Delay(TimeSpan.FromSeconds(2));
        UserReads(1).ShouldBe(1);
        (await CallsAsync()).OrderBy(c => c.Id).Select(c => c.Outcome)
            .ShouldBe([WebhookCallOutcome.Queued, WebhookCallOutcome.Duplicate, WebhookCallOutcome.Duplicate]);
    }

    [Fact]
    public async Task ConnecteamDownDuringTheReRead_TheReadIsRetried_AndTheShiftIsStored()
    {
        _connecteam.AddShift(ClockId, 1, "65b0000000000000000000a1", DateTime.UtcNow.AddMinutes(-1));
        // Four 500s outlast the client's own four attempts: the first read fails, the job's retry succeeds.
        _connecteam.FailNext(4);

        (await PostAsync(Token, ClockIn("r-1", userId: 1))).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        await WaitUntilAsync(async db => await db.Shifts.AnyAsync(s => s.ConnecteamShiftId == "65b0000000000000000000a1"));
        // The shift is stored before the run's rescore; the run is recorded as finished after it.
        await WaitUntilAsync(async db => await db.SyncRuns.CountAsync(r => r.Job == SyncJobs.Webhook && r.FinishedUtc != null) >= 2);
        var runs = await QueryAsync(db => db.SyncRuns.Where(r => r.Job == SyncJobs.Webhook).OrderBy(r => r.Id).ToListAsync());
        runs.Select(r => r.Status).ShouldBe([SyncRunStatus.Failed, SyncRunStatus.Succeeded]);
    }

    [Fact]
    public async Task AnEventWithoutAUser_ReReadsTheWholeClockForTheDay()
    {
        _connecteam.AddShift(ClockId, 1, "65b0000000000000000000a1", DateTime.UtcNow.AddMinutes(-1));

        var body = """{"requestId":"r-9","company":"c-1","eventType":"admin_delete","activityType":"shift","data":{"something":"new"}}""";
        (await PostAsync(Token, body)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        await WaitUntilAsync(async db => await db.Shifts.AnyAsync(s => s.ConnecteamShiftId == "65b0000000000000000000a1"));
        _connecteam.Requests.Where(IsActivities).ShouldAllBe(r => r["userIds"] == null);
        (await CallsAsync()).ShouldHaveSingleItem().ConnecteamUserId.ShouldBeNull();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _site.DisposeAsync();
        await _connecteam.DisposeAsync();
    }

    private static string ClockIn(string requestId, long userId, DateTime? startUtc = null, string eventType = "clock_in")
    {
        var start = new DateTimeOffset(startUtc ?? DateTime.UtcNow.AddMinutes(-1)).ToUnixTimeSeconds();
        return string.Create(CultureInfo.InvariantCulture, $$"""
            {"requestId":"{{requestId}}","company":"c-1","eventType":"{{eventType}}","eventTimestamp":{{start}},"activityType":"shift",
             "data":{"userId":{{userId}},"timeClockId":{{ClockId}},"start":{"timestamp":{{start}},"timezone":"America/Chicago"} } }
            """);
    }

    private Task<HttpResponseMessage> PostAsync(string token, string body) =>
        _client.PostAsync($"/webhooks/connecteam/{token}", new StringContent(body, Encoding.UTF8, "application/json"));

    private static bool IsActivities(FakeConnecteamRequest r) => r.Path.EndsWith("/time-activities", StringComparison.Ordinal);

    private int UserReads(long userId) =>
        _connecteam.Requests.Count(r => IsActivities(r) && r.StatusCode == 200 && r["userIds"] == userId.ToString(CultureInfo.InvariantCulture));

    private Task<List<WebhookCall>> CallsAsync() => QueryAsync(db => db.WebhookCalls.AsNoTracking().ToListAsync());

    private async Task<T> QueryAsync<T>(Func<ProductivityDbContext, Task<T>> query)
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<ProductivityDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    private async Task WaitUntilAsync(Func<ProductivityDbContext, Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!await QueryAsync(condition))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not come true in time.");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Every log line the site writes, formatted.</summary>
    private sealed class LogCollector : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyCollection<string> Lines => _lines;

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _lines.Enqueue(formatter(state, exception) + (exception is null ? "" : " " + exception));

        public void Dispose()
        {
        }
    }
}
