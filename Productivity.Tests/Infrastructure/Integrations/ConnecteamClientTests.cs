using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Integrations;
using Productivity.Infrastructure.Integrations.Connecteam;
using Productivity.Tests.TestSupport;
using Xunit.Abstractions;

namespace Productivity.Tests.Infrastructure.Integrations;

/// <summary>The client through its real registration, over real HTTP, against <see cref="FakeConnecteamServer"/>.</summary>
public sealed class ConnecteamClientTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const long ClockId = 12345;
    private static readonly DateOnly Day = new(2026, 1, 15);
    private static readonly ConnecteamRetryPolicy FastRetries = new()
    {
        BaseDelay = TimeSpan.FromMilliseconds(20),
        MaxDelay = TimeSpan.FromMilliseconds(200),
    };

    private readonly List<ServiceProvider> _providers = [];
    private FakeConnecteamServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeConnecteamServer.StartAsync();
        _server.AddClock(ClockId, "Warehouse Time Clock");
    }

    public async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task GetUsersAsync_1200UsersInTheFakesShuffledOrder_ReturnsEveryUserExactlyOnceInThreeSortedPages()
    {
        // Unsorted, the fake shuffles the list on every request (FakeConnecteamServerTests shows pages then overlap);
        // creation times run against the ids and come in bulk-import batches that share a second.
        for (var id = 1000; id < 2200; id++)
        {
            _server.AddUser(id, $"First{id}", $"Last{id}", $"u{id}@example.test", archived: id % 10 == 0, createdAt: 1_800_000_000 - (id / 7 * 60));
        }

        var users = await Client().GetUsersAsync();

        users.Count.ShouldBe(1200);
        users.Select(u => u.UserId).ShouldBeUnique();
        users.Count(u => u.IsArchived).ShouldBe(120);
        users.Single(u => u.UserId == 1001).ShouldBe(new ConnecteamUser(1001, "First1001", "Last1001", "u1001@example.test", false));
        var requests = _server.Requests;
        requests.Select(r => r["offset"]).ShouldBe(["0", "500", "1000"]);
        requests.ShouldAllBe(r => r.Path == "/users/v1/users" && r.StatusCode == 200 && r["limit"] == "500" && r["userStatus"] == "all"
            && r["sort"] == "created_at" && r["order"] == "asc");
    }

    [Fact]
    public async Task GetUsersAsync_ExactMultipleOfPageSize_StopsAtTheEmptyPage()
    {
        for (var id = 1; id <= 500; id++)
        {
            _server.AddUser(id, "A", "B");
        }

        var users = await Client().GetUsersAsync();

        users.Count.ShouldBe(500);
        _server.Requests.Select(r => r["offset"]).ShouldBe(["0", "500"]);
    }

    [Fact]
    public async Task GetTimeClocksAsync_ArchivedClock_IsReturnedWithItsFlag()
    {
        _server.AddClock(777, "Old Warehouse", archived: true);

        var clocks = await Client().GetTimeClocksAsync();

        clocks.ShouldBe([new ConnecteamClock(ClockId, "Warehouse Time Clock", false), new ConnecteamClock(777, "Old Warehouse", true)], ignoreOrder: true);
    }

    [Fact]
    public async Task GetBreakTypesAsync_ClockWithTypes_ReturnsThemAndSkipsUnreadableOnes()
    {
        _server.SetBreakTypes(ClockId, ("brk-lunch", "Lunch", false), ("brk-rest", "Rest", true));
        _server.AddRawBreakType(ClockId, """{"ID":"brk-new","Name":"Prayer","futureField":[1]}""");
        _server.AddRawBreakType(ClockId, """{"name":"no id","isPaid":true}""");
        _server.AddRawBreakType(ClockId, """{"id":"brk-odd","isPaid":"sometimes"}""");
        _server.AddRawBreakType(ClockId, "7");

        var types = await Client().GetBreakTypesAsync(ClockId);

        types.ShouldBe([
            new ConnecteamBreakType("brk-lunch", "Lunch", false),
            new ConnecteamBreakType("brk-rest", "Rest", true),
            new ConnecteamBreakType("brk-new", "Prayer", false),
        ]);
        _server.Requests.ShouldHaveSingleItem().Path.ShouldBe($"/time-clock/v1/time-clocks/{ClockId}/manual-breaks");
    }

    [Fact]
    public async Task GetBreakTypesAsync_UnknownClock_ThrowsWithTheApiMessage()
    {
        var error = await Should.ThrowAsync<ConnecteamApiException>(() => Client().GetBreakTypesAsync(999));

        error.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        error.Message.ShouldContain("Time clock not found");
    }

    [Fact]
    public async Task GetTimeActivitiesAsync_OpenShiftWithoutEndKey_HasNullEnd()
    {
        _server.AddShift(ClockId, 1, "open-1", Utc(2026, 1, 15, 14, 5));

        var result = await Client().GetTimeActivitiesAsync(ClockId, Day, Day);

        result.Shifts.ShouldBe([new ConnecteamShift("open-1", 1, ClockId, Utc(2026, 1, 15, 14, 5), null)]);
        result.Rejected.ShouldBeEmpty();
    }

    [Fact]
    public async Task GetTimeActivitiesAsync_TwoShiftsOneDay_ReturnsBoth()
    {
        _server.AddShift(ClockId, 1, "s-1", Utc(2026, 1, 15, 14, 0), Utc(2026, 1, 15, 18, 0));
        _server.AddShift(ClockId, 1, "s-2", Utc(2026, 1, 15, 19, 0));
        _server.AssignUser(ClockId, 2);

        var result = await Client().GetTimeActivitiesAsync(ClockId, Day, Day);

        result.Shifts.ShouldBe([
            new ConnecteamShift("s-1", 1, ClockId, Utc(2026, 1, 15, 14, 0), Utc(2026, 1, 15, 18, 0)),
            new ConnecteamShift("s-2", 1, ClockId, Utc(2026, 1, 15, 19, 0), null),
        ]);
    }

    [Fact]
    public async Task GetTimeActivitiesAsync_ManualBreaks_AreReturnedBesideTheShifts()
    {
        _server.AddShift(ClockId, 1, "s-1", Utc(2026, 1, 15, 14, 0), Utc(2026, 1, 15, 22, 30));
        _server.AddBreak(ClockId, 1, "b-1", Utc(2026, 1, 15, 18, 0), Utc(2026, 1, 15, 18, 30));
        _server.AddBreak(ClockId, 1, "b-2", Utc(2026, 1, 15, 20, 0));

        var result = await Client().GetTimeActivitiesAsync(ClockId, Day, Day);

        // The time clock closes the shift at each break and reopens it (new id) when the break ends; b-2 is still open.
        result.Shifts.ShouldBe([
            new ConnecteamShift("s-1", 1, ClockId, Utc(2026, 1, 15, 14, 0), Utc(2026, 1, 15, 18, 0)),
            new ConnecteamShift("s-1-1", 1, ClockId, Utc(2026, 1, 15, 18, 30), Utc(2026, 1, 15, 20, 0)),
        ]);
        result.Breaks.ShouldBe([
            new ConnecteamBreak("b-1", 1, ClockId, Utc(2026, 1, 15, 18, 0), Utc(2026, 1, 15, 18, 30), "brk-lunch", false),
            new ConnecteamBreak("b-2", 1, ClockId, Utc(2026, 1, 15, 20, 0), null, "brk-lunch", false),
        ]);
    }

    [Fact]
    public async Task GetTimeActivitiesAsync_ShiftAcrossLocalMidnight_KeepsExactUtc()
    {
        // 22:00 CST on the 15th to 06:00 CST on the 16th.
        _server.AddShift(ClockId, 1, "night", Utc(2026, 1, 16, 4, 0), Utc(2026, 1, 16, 12, 0));

        var result = await Client().GetTimeActivitiesAsync(ClockId, Day, Day);

        var shift = result.Shifts.ShouldHaveSingleItem();
        shift.StartUtc.ShouldBe(Utc(2026, 1, 16, 4, 0));
        shift.EndUtc.ShouldBe(Utc(2026, 1, 16, 12, 0));
        shift.StartUtc.Kind.ShouldBe(DateTimeKind.Utc);
        shift.EndUtc!.Value.Kind.ShouldBe(DateTimeKind.Utc);
    }

    [Theory]
    [InlineData("2026-03-08", "2026-03-08T07:00:00Z", "2026-03-08T15:00:00Z", 8)] // 01:00 CST to 10:00 CDT: 8 real hours
    [InlineData("2026-11-01", "2026-11-01T06:30:00Z", "2026-11-01T07:30:00Z", 1)] // 01:30 CDT to 01:30 CST: 1 real hour
    public async Task GetTimeActivitiesAsync_DaylightSavingDay_KeepsExactUtc(string day, string start, string end, int hours)
    {
        var startUtc = DateTime.Parse(start, null, System.Globalization.DateTimeStyles.AdjustToUniversal);
        var endUtc = DateTime.Parse(end, null, System.Globalization.DateTimeStyles.AdjustToUniversal);
        _server.AddShift(ClockId, 1, "dst", startUtc, endUtc);

        var result = await Client().GetTimeActivitiesAsync(ClockId, DateOnly.Parse(day), DateOnly.Parse(day));

        var shift = result.Shifts.ShouldHaveSingleItem();
        shift.StartUtc.ShouldBe(startUtc);
        shift.StartUtc.Kind.ShouldBe(DateTimeKind.Utc);
        (shift.EndUtc - shift.StartUtc).ShouldBe(TimeSpan.FromHours(hours));
    }

    [Fact]
    public async Task GetTimeActivitiesAsync_UnknownAndDifferentlyCasedFields_AreIgnoredOrMatched()
    {
        _server.AddRawShift(ClockId, 1, Day, """
            {"ID":"cased","Start":{"Timestamp":1768485600,"timezone":"America/Chicago","brandNew":{"deep":[1,{"x":null}]}},
             "end":{"timestamp":1768514400,"timezone":"America/Chicago"},"anotherNewField":"v","isAutoClockOut":true}
            """);

        var result = await Client().GetTimeActivitiesAsync(ClockId, Day, Day);

        result.Shifts.ShouldBe([new ConnecteamShift("cased", 1, ClockId, Utc(2026, 1, 15, 14, 0), Utc(2026, 1, 15, 22, 0))]);
        result.Rejected.ShouldBeEmpty();
    }

    [Fact]
    public async Task GetTimeActivitiesAsync_70Days_ReadsThreeAdjacentWindowsOfAtMost31Days()
    {
        var from = new DateOnly(2026, 1, 1);
        var to = new DateOnly(2026, 3, 11);
        _server.AddShift(ClockId, 1, "jan", Utc(2026, 1, 31, 15, 0), Utc(2026, 1, 31, 20, 0));
        _server.AddShift(ClockId, 1, "feb", Utc(2026, 2, 1, 15, 0), Utc(2026, 2, 1, 20, 0));
        _server.AddShift(ClockId, 1, "mar", Utc(2026, 3, 11, 15, 0), Utc(2026, 3, 11, 20, 0));

        var result = await Client().GetTimeActivitiesAsync(ClockId, from, to);

        result.Shifts.Select(s => s.Id).ShouldBe(["jan", "feb", "mar"]);
        var windows = _server.Requests.Select(r => (Start: DateOnly.Parse(r["startDate"]!), End: DateOnly.Parse(r["endDate"]!))).ToList();
        windows.ShouldBe([
            (new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31)),
            (new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 3)),
            (new DateOnly(2026, 3, 4), new DateOnly(2026, 3, 11)),
        ]);
        windows[0].Start.ShouldBe(from);
        windows[^1].End.ShouldBe(to);
        windows.Zip(windows.Skip(1)).ShouldAllBe(pair => pair.Second.Start == pair.First.End.AddDays(1));
        windows.ShouldAllBe(w => w.End.DayNumber - w.Start.DayNumber + 1 <= 31);
    }

    [Fact]
    public async Task GetTimeActivitiesAsync_AYearAgainstThe90DayLimit_ReadsAdjacentWindowsOfAtMost31Days()
    {
        var from = new DateOnly(2025, 1, 1);
        var to = new DateOnly(2025, 12, 31);
        _server.AddShift(ClockId, 1, "first", Utc(2025, 1, 1, 15, 0), Utc(2025, 1, 1, 20, 0));
        _server.AddShift(ClockId, 1, "last", Utc(2025, 12, 31, 15, 0), Utc(2025, 12, 31, 20, 0));
        _server.AssignUser(ClockId, 2);

        var result = await Client().GetTimeActivitiesAsync(ClockId, from, to);

        result.Shifts.Select(s => s.Id).ShouldBe(["first", "last"]);
        result.Users.ShouldBe([1L, 2L], ignoreOrder: true);
        _server.MaxRangeDays.ShouldBe(90);
        var requests = _server.Requests;
        requests.ShouldAllBe(r => r.StatusCode == 200);
        var windows = requests.Select(r => (Start: DateOnly.Parse(r["startDate"]!), End: DateOnly.Parse(r["endDate"]!))).ToList();
        windows.Count.ShouldBe(12);
        windows[0].Start.ShouldBe(from);
        windows[^1].End.ShouldBe(to);
        windows.Zip(windows.Skip(1)).ShouldAllBe(pair => pair.Second.Start == pair.First.End.AddDays(1));
        windows.ShouldAllBe(w => w.End.DayNumber - w.Start.DayNumber + 1 <= 31);
    }

    [Fact]
    public async Task GetTimeActivitiesAsync_MalformedItems_AreRejectedAndSiblingsKept()
    {
        _server.AddShift(ClockId, 1, "good-1", Utc(2026, 1, 15, 14, 0), Utc(2026, 1, 15, 18, 0));
        _server.AddShift(ClockId, 1, "good-2", Utc(2026, 1, 15, 19, 0), Utc(2026, 1, 15, 22, 0));
        _server.AddBreak(ClockId, 1, "good-break", Utc(2026, 1, 15, 16, 0), Utc(2026, 1, 15, 16, 15), insideShift: true);
        _server.AddRawShift(ClockId, 1, Day, """{"start":{"timestamp":1768485600}}""");
        _server.AddRawShift(ClockId, 1, Day, """{"id":"no-start"}""");
        _server.AddRawShift(ClockId, 1, Day, """{"id":"no-timestamp","start":{"timezone":"America/Chicago"}}""");
        _server.AddRawShift(ClockId, 1, Day, """{"id":"bad-timestamp","start":{"timestamp":"soon"}}""");
        _server.AddRawShift(ClockId, 1, Day, """{"id":"end-without-timestamp","start":{"timestamp":1768485600},"end":{}}""");
        _server.AddRawShift(ClockId, 1, Day, "42");
        _server.AddRawUserEntry(ClockId, """{"shifts":[{"id":"orphan","start":{"timestamp":1768485600}}],"manualBreaks":[]}""");

        var result = await Client().GetTimeActivitiesAsync(ClockId, Day, Day);

        result.Shifts.Select(s => s.Id).ShouldBe(["good-1", "good-2"]);
        result.Breaks.Select(b => b.Id).ShouldBe(["good-break"]);
        result.Rejected.Count.ShouldBe(7);
        result.Rejected.ShouldAllBe(r => r.Source == "connecteam" && r.Reason.Length > 0);
        result.Rejected.Select(r => r.Key).ShouldContain("no-start");
        result.Rejected.Single(r => r.Key == "no-timestamp").Reason.ShouldBe("shift start has no timestamp");
        result.Rejected.Single(r => r.Key == "end-without-timestamp").Reason.ShouldBe("shift end has no timestamp");
        result.Rejected.Single(r => r.Key.Contains("shift #", StringComparison.Ordinal) && r.Reason == "shift has no id")
            .Key.ShouldContain("user 1");
        result.Rejected.ShouldContain(r => r.Key.Contains("timeActivitiesByUsers", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetTimeActivitiesAsync_Users_AreTheListedUsersWhoseShiftsWereAllReadable()
    {
        _server.AddShift(ClockId, 1, "s-1", Utc(2026, 1, 15, 14, 0), Utc(2026, 1, 15, 18, 0));
        _server.AssignUser(ClockId, 2);
        _server.AddShift(ClockId, 3, "s-3", Utc(2026, 1, 15, 14, 0), Utc(2026, 1, 15, 18, 0));
        _server.AddRawShift(ClockId, 3, Day, """{"id":"s-3b"}""");
        _server.AddShift(ClockId, 4, "s-4", Utc(2026, 1, 15, 14, 0), Utc(2026, 1, 15, 18, 0));
        _server.LeaveOutUser(ClockId, 4);
        _server.AddRawUserEntry(ClockId, """{"userId":5,"manualBreaks":[]}""");
        _server.AddRawUserEntry(ClockId, """{"shifts":[],"manualBreaks":[]}""");

        var result = await Client().GetTimeActivitiesAsync(ClockId, Day, Day);

        // 1 and 2 in full; 3 has an unreadable shift, 4 is left out, 5 has no shifts list, the last entry no userId.
        result.Users.ShouldBe([1L, 2L], ignoreOrder: true);
        result.Shifts.Select(s => s.Id).ShouldBe(["s-1", "s-3"], ignoreOrder: true);
    }

    [Fact]
    public async Task GetTimeActivitiesAsync_EndBeforeStart_IsPassedThroughForTheSyncToJudge()
    {
        _server.AddShift(ClockId, 1, "backwards", Utc(2026, 1, 15, 18, 0), Utc(2026, 1, 15, 14, 0));

        var result = await Client().GetTimeActivitiesAsync(ClockId, Day, Day);

        result.Shifts.ShouldBe([new ConnecteamShift("backwards", 1, ClockId, Utc(2026, 1, 15, 18, 0), Utc(2026, 1, 15, 14, 0))]);
        result.Rejected.ShouldBeEmpty();
    }

    [Fact]
    public async Task GetTimeActivitiesAsync_RangeRejectedByTheApi_ThrowsWithTheApiMessage()
    {
        _server.MaxRangeDays = 10;

        var error = await Should.ThrowAsync<ConnecteamApiException>(
            () => Client().GetTimeActivitiesAsync(ClockId, Day, Day.AddDays(19)));

        error.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        error.Message.ShouldContain("date range exceeds 10 days");
        error.Path.ShouldStartWith($"/time-clock/v1/time-clocks/{ClockId}/time-activities?startDate=2026-01-15");
        _server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task GetTimeClocksAsync_RateLimitedWithResetHeader_WaitsUntilTheResetThenSucceeds()
    {
        _server.RateLimitNext(1, resetAfter: TimeSpan.FromSeconds(2));

        var clocks = await Client().GetTimeClocksAsync();

        clocks.Count.ShouldBe(1);
        var requests = _server.Requests;
        requests.Select(r => r.StatusCode).ShouldBe([429, 200]);
        var reset = requests[0].RateLimitReset!.Value;
        requests[1].ReceivedAt.ShouldBeGreaterThan(reset - TimeSpan.FromMilliseconds(20));
        requests[1].ReceivedAt.ShouldBeLessThan(reset + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task GetTimeClocksAsync_RateLimitedWithRetryAfterOnly_WaitsRetryAfter()
    {
        _server.RateLimitNext(1, resetAfter: null, retryAfter: TimeSpan.FromSeconds(1));

        await Client().GetTimeClocksAsync();

        var requests = _server.Requests;
        requests.Select(r => r.StatusCode).ShouldBe([429, 200]);
        (requests[1].ReceivedAt - requests[0].ReceivedAt).ShouldBeGreaterThan(TimeSpan.FromMilliseconds(950));
    }

    [Fact]
    public async Task RateLimitThenServerErrors_AreCountedAs429sAndRetriesByCause()
    {
        using var recorder = new TelemetryRecorder();
        _server.RateLimitNext(1, resetAfter: TimeSpan.FromSeconds(1));
        await Client().GetTimeClocksAsync();
        _server.FailNext(2);

        await Client().GetTimeClocksAsync();

        _server.Requests.Select(r => r.StatusCode).ShouldBe([429, 200, 500, 500, 200]);
        recorder.Sum("productivity.connecteam.rate_limited").ShouldBe(1);
        recorder.Sum("productivity.connecteam.retries", ("error.type", "429")).ShouldBe(1);
        recorder.Sum("productivity.connecteam.retries", ("error.type", "500")).ShouldBe(2);
        recorder.Sum("productivity.connecteam.retries").ShouldBe(3);
    }

    [Fact]
    public async Task GetTimeClocksAsync_DailyLimitSpent_ThrowsWithoutWaiting()
    {
        _server.RateLimitNext(1, resetAfter: TimeSpan.FromSeconds(30), dailyLimitSpent: true);

        var error = await Should.ThrowAsync<ConnecteamApiException>(() => Client().GetTimeClocksAsync());

        error.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        error.Message.ShouldContain("daily request limit");
        _server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task GetTimeClocksAsync_ServerErrorsThenSuccess_Retries()
    {
        _server.FailNext(2);

        var clocks = await Client().GetTimeClocksAsync();

        clocks.Count.ShouldBe(1);
        _server.Requests.Select(r => r.StatusCode).ShouldBe([500, 500, 200]);
    }

    [Fact]
    public async Task GetTimeClocksAsync_ServerErrorOnEveryAttempt_ThrowsAfterFourAttempts()
    {
        _server.FailNext(10, HttpStatusCode.BadGateway);

        var error = await Should.ThrowAsync<ConnecteamApiException>(() => Client().GetTimeClocksAsync());

        error.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        _server.Requests.Count.ShouldBe(4);
    }

    [Fact]
    public async Task GetTimeClocksAsync_SlowResponseBeyondTheAttemptTimeout_RetriesAndSucceeds()
    {
        _server.DelayNext(TimeSpan.FromSeconds(5));
        var client = Client(new() { ["Connecteam:TimeoutSeconds"] = "1" });
        var stopwatch = Stopwatch.StartNew();

        var clocks = await client.GetTimeClocksAsync();

        clocks.Count.ShouldBe(1);
        _server.Requests.Count.ShouldBe(2);
        stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task GetUsersAsync_NothingListening_ThrowsAfterFourAttempts()
    {
        var client = Client(new() { ["Connecteam:BaseUrl"] = "http://127.0.0.1:1" });

        var error = await Should.ThrowAsync<ConnecteamApiException>(() => client.GetUsersAsync());

        error.StatusCode.ShouldBeNull();
        error.Message.ShouldContain("gave up after 4 attempts");
    }

    [Fact]
    public async Task GetUsersAsync_BodyIsNotJson_ThrowsNamingStatusAndPath()
    {
        _server.SendMalformedNext();

        var error = await Should.ThrowAsync<ConnecteamApiException>(() => Client().GetUsersAsync());

        error.StatusCode.ShouldBe(HttpStatusCode.OK);
        error.Path.ShouldStartWith("/users/v1/users?limit=500&offset=0");
        error.Message.ShouldContain("not JSON");
        error.Message.ShouldNotContain(_server.ApiKey);
    }

    [Fact]
    public async Task GetUsersAsync_NoApiKeyConfigured_ThrowsUnauthorizedNamingTheSetting()
    {
        var client = Client(new() { ["Connecteam:ApiKey"] = null });

        var error = await Should.ThrowAsync<ConnecteamApiException>(() => client.GetUsersAsync());

        error.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        error.Message.ShouldContain("no API key is configured; set Connecteam:ApiKey");
        _server.Requests.ShouldHaveSingleItem().HasApiKey.ShouldBeFalse();
    }

    [Fact]
    public async Task GetUsersAsync_WrongApiKey_ThrowsWithoutRevealingTheKey()
    {
        var client = Client(new() { ["Connecteam:ApiKey"] = "wrong-secret-123" });

        var error = await Should.ThrowAsync<ConnecteamApiException>(() => client.GetUsersAsync());

        error.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        error.Message.ShouldContain("the API key was refused; check Connecteam:ApiKey");
        error.ToString().ShouldNotContain("wrong-secret-123");
    }

    [Fact]
    public async Task GetTimeClocksAsync_MoreCallsThanTheBudget_NeverExceedsItInAnyWindow()
    {
        var window = TimeSpan.FromSeconds(2);
        var client = Client(limiter: new ConnecteamRateLimiter(5, window, TimeProvider.System));
        var stopwatch = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.GetTimeClocksAsync()));

        stopwatch.Elapsed.ShouldBeGreaterThan(window - TimeSpan.FromMilliseconds(50));
        var times = _server.Requests.Select(r => r.ReceivedAt).Order().ToList();
        times.Count.ShouldBe(8);
        // The sixth request of any run starts a full window after the first. Arrival times on a loaded machine carry
        // jitter (the earlier request can arrive late), hence 10 % slack; a broken limiter sends all 8 at once.
        for (var i = 0; i + 5 < times.Count; i++)
        {
            (times[i + 5] - times[i]).ShouldBeGreaterThan(window - TimeSpan.FromMilliseconds(200));
        }
    }

    [Fact]
    public async Task GetTimeActivitiesAsync_500UsersTwoShiftsOneDay_IsFast()
    {
        for (var userId = 1; userId <= 500; userId++)
        {
            _server.AddShift(ClockId, userId, $"a-{userId}", Utc(2026, 1, 15, 14, 0), Utc(2026, 1, 15, 18, 0));
            _server.AddShift(ClockId, userId, $"b-{userId}", Utc(2026, 1, 15, 18, 30), Utc(2026, 1, 15, 22, 30));
        }
        var client = Client();
        var timings = new List<TimeSpan>();

        ConnecteamActivities? result = null;
        for (var call = 0; call < 4; call++)
        {
            var stopwatch = Stopwatch.StartNew();
            result = await client.GetTimeActivitiesAsync(ClockId, Day, Day);
            timings.Add(stopwatch.Elapsed);
        }

        output.WriteLine($"500 users x 2 shifts, one day: {string.Join(", ", timings.Select(t => $"{t.TotalMilliseconds:0} ms"))} (first call cold)");
        result!.Shifts.Count.ShouldBe(1000);
        timings.ShouldAllBe(t => t < TimeSpan.FromSeconds(5));
    }

    private IConnecteamClient Client(Dictionary<string, string?>? settings = null, ConnecteamRateLimiter? limiter = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Connecteam:BaseUrl"] = _server.BaseUrl,
            ["Connecteam:ApiKey"] = _server.ApiKey,
        };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        ConnecteamRegistration.AddConnecteam(services);
        services.AddSingleton(FastRetries);
        if (limiter is not null)
        {
            services.AddSingleton(limiter);
        }
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        _providers.Add(provider);
        return provider.GetRequiredService<IConnecteamClient>();
    }

    private static DateTime Utc(int year, int month, int day, int hour, int minute) =>
        new(year, month, day, hour, minute, 0, DateTimeKind.Utc);
}
