using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Productivity.Tests.TestSupport;

/// <summary>
/// A real HTTP server (Kestrel on 127.0.0.1, a free port) that answers like Connecteam's API
/// (reference section A.8): <c>/me</c>, paged <c>/users/v1/users</c>, <c>/time-clock/v1/time-clocks</c> and
/// <c>…/{id}/time-activities</c> with unknown fields sprinkled in, open shifts without an <c>end</c> key, 401 without
/// the key and 422 over <see cref="MaxRangeDays"/>. Data is set per test; faults are queued and each one answers
/// the next request. Every request is recorded.
/// </summary>
public sealed partial class FakeConnecteamServer : IAsyncDisposable
{
    public const string DefaultApiKey = "test-key";
    public const string DefaultTimeZone = "America/Chicago";

    private readonly WebApplication _app;
    private readonly Lock _sync = new();
    private readonly SortedDictionary<long, User> _users = [];
    private readonly SortedDictionary<long, Clock> _clocks = [];
    private readonly HashSet<(long ClockId, long UserId)> _assignments = [];
    private readonly List<Activity> _activities = [];
    private readonly List<(long ClockId, JsonNode Entry)> _rawUserEntries = [];
    private readonly Queue<Fault> _faults = new();
    private readonly List<FakeConnecteamRequest> _requests = [];
    private int _requestCounter;

    private FakeConnecteamServer(WebApplication app, string apiKey)
    {
        _app = app;
        ApiKey = apiKey;
    }

    public string BaseUrl { get; private set; } = "";

    public string ApiKey { get; }

    /// <summary>The widest <c>startDate</c>..<c>endDate</c> range (days, inclusive) time-activities accepts.</summary>
    public int MaxRangeDays { get; set; } = 92;

    /// <summary>The status for a missing or wrong <c>X-API-KEY</c> (the docs read do not name one).</summary>
    public int UnauthorizedStatusCode { get; set; } = StatusCodes.Status401Unauthorized;

    public IReadOnlyList<FakeConnecteamRequest> Requests
    {
        get
        {
            lock (_sync)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<FakeConnecteamServer> StartAsync(string apiKey = DefaultApiKey)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeConnecteamServer(app, apiKey);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("Kestrel did not report its addresses.");
        server.BaseUrl = addresses.Addresses.First();
        return server;
    }

    public void AddUser(long userId, string firstName, string lastName, string? email = null, bool archived = false) =>
        Locked(() => _users[userId] = new User(userId, firstName, lastName, email, archived));

    public void AddClock(long id, string name, bool archived = false, string timeZone = DefaultTimeZone) =>
        Locked(() => _clocks[id] = new Clock(id, name, archived, TimeZoneInfo.FindSystemTimeZoneById(timeZone)));

    /// <summary>Assigned users appear in time-activities even with empty lists (users with activities always do).</summary>
    public void AssignUser(long clockId, long userId) => Locked(() => _assignments.Add((clockId, userId)));

    public void AddShift(long clockId, long userId, string id, DateTime startUtc, DateTime? endUtc = null) =>
        Locked(() => _activities.Add(new Activity(id, clockId, userId, IsBreak: false, Utc(startUtc), Utc(endUtc), Now(), null)));

    /// <summary>
    /// A manual break as the time clock records one: a shift running at its start is closed there and, once the break
    /// has ended, reopened at its end under a new id (the default, "return to job"). <paramref name="insideShift"/> keeps
    /// the shift whole with the break inside it, as only a break created through the API without splitting is.
    /// </summary>
    public void AddBreak(long clockId, long userId, string id, DateTime startUtc, DateTime? endUtc = null, bool insideShift = false) =>
        Locked(() => _activities.Add(new Activity(id, clockId, userId, IsBreak: true, Utc(startUtc), Utc(endUtc), Now(), null)
        {
            InsideShift = insideShift,
        }));

    /// <summary>A shift item sent verbatim (e.g. malformed) among the shifts of <paramref name="userId"/> on <paramref name="day"/>.</summary>
    public void AddRawShift(long clockId, long userId, DateOnly day, string json) =>
        Locked(() => _activities.Add(new Activity($"raw-{Guid.NewGuid():N}", clockId, userId, IsBreak: false,
            day.ToDateTime(TimeOnly.FromTimeSpan(TimeSpan.FromHours(12)), DateTimeKind.Utc), null, Now(), Raw: JsonNode.Parse(json))));

    /// <summary>An entry of <c>timeActivitiesByUsers</c> sent verbatim in every time-activities answer of the clock.</summary>
    public void AddRawUserEntry(long clockId, string json) => Locked(() => _rawUserEntries.Add((clockId, JsonNode.Parse(json)!)));

    public void EditShift(string id, DateTime startUtc, DateTime? endUtc) => Edit(id, isBreak: false, startUtc, endUtc);

    public void EditBreak(string id, DateTime startUtc, DateTime? endUtc) => Edit(id, isBreak: true, startUtc, endUtc);

    public bool RemoveShift(string id) => Remove(id, isBreak: false);

    public bool RemoveBreak(string id) => Remove(id, isBreak: true);

    /// <summary>
    /// The next <paramref name="count"/> requests get 429 with <c>x-ratelimit-minute-reset</c> = now +
    /// <paramref name="resetAfter"/> (epoch seconds) or, when that is null, only <c>Retry-After</c>.
    /// </summary>
    public void RateLimitNext(int count, TimeSpan? resetAfter, TimeSpan? retryAfter = null, bool dailyLimitSpent = false) =>
        Enqueue(count, new Fault(StatusCodes.Status429TooManyRequests, resetAfter, retryAfter, dailyLimitSpent, TimeSpan.Zero, Malformed: false));

    /// <summary>The next <paramref name="count"/> requests fail with <paramref name="status"/> (500 by default).</summary>
    public void FailNext(int count, HttpStatusCode status = HttpStatusCode.InternalServerError) =>
        Enqueue(count, new Fault((int)status, null, null, false, TimeSpan.Zero, Malformed: false));

    /// <summary>The next <paramref name="count"/> requests are answered normally, but only after <paramref name="delay"/>.</summary>
    public void DelayNext(TimeSpan delay, int count = 1) =>
        Enqueue(count, new Fault(StatusCodes.Status200OK, null, null, false, delay, Malformed: false));

    /// <summary>The next <paramref name="count"/> requests get 200 with a truncated JSON body.</summary>
    public void SendMalformedNext(int count = 1) =>
        Enqueue(count, new Fault(StatusCodes.Status200OK, null, null, false, TimeSpan.Zero, Malformed: true));

    public void ClearRequests() => Locked(_requests.Clear);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        var request = context.Request;
        var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var hasKey = request.Headers.ContainsKey("X-API-KEY");
        var authorized = request.Headers["X-API-KEY"] == ApiKey;

        Reply reply;
        lock (_sync)
        {
            reply = _faults.TryDequeue(out var fault)
                ? FaultReply(fault, receivedAt, () => Route(request.Method, request.Path.Value ?? "/", query, authorized))
                : Route(request.Method, request.Path.Value ?? "/", query, authorized);
            _requests.Add(new FakeConnecteamRequest(request.Method, request.Path.Value ?? "/", query, hasKey, receivedAt,
                reply.Status, reply.RateLimitReset));
        }

        if (reply.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(reply.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = "application/json";
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }
        await context.Response.WriteAsync(reply.Body, context.RequestAborted);
    }

    private Reply FaultReply(Fault fault, DateTimeOffset now, Func<Reply> normal)
    {
        if (fault.Delay > TimeSpan.Zero)
        {
            return normal() with { Delay = fault.Delay };
        }
        if (fault.Malformed)
        {
            return new Reply(StatusCodes.Status200OK, """{"requestId":"r-broken","data":{"users":[{"userId":1,"firstName":""");
        }
        if (fault.Status != StatusCodes.Status429TooManyRequests)
        {
            return new Reply(fault.Status, $$"""{"detail":"fault injected by the test ({{fault.Status}})"}""");
        }

        var headers = new Dictionary<string, string>
        {
            ["x-ratelimit-minute-limit"] = "100",
            ["x-ratelimit-minute-remaining"] = "0",
            ["x-ratelimit-day-limit"] = "10000",
            ["x-ratelimit-day-remaining"] = fault.DailyLimitSpent ? "0" : "9000",
        };
        DateTimeOffset? reset = null;
        if (fault.ResetAfter is { } resetAfter)
        {
            reset = DateTimeOffset.FromUnixTimeSeconds((now + resetAfter).ToUnixTimeSeconds());
            headers["x-ratelimit-minute-reset"] = reset.Value.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        }
        if (fault.RetryAfter is { } retryAfter)
        {
            headers["Retry-After"] = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
        return new Reply(StatusCodes.Status429TooManyRequests, """{"detail":"Too many requests"}""", Headers: headers, RateLimitReset: reset);
    }

    private Reply Route(string method, string path, Dictionary<string, string> query, bool authorized)
    {
        if (!authorized)
        {
            return new Reply(UnauthorizedStatusCode, """{"detail":"Invalid or missing API key"}""");
        }
        if (method != HttpMethods.Get)
        {
            return new Reply(StatusCodes.Status405MethodNotAllowed, """{"detail":"Method Not Allowed"}""");
        }
        if (path == "/me")
        {
            return Ok(new JsonObject { ["companyName"] = "Fake Warehouse Co", ["companyId"] = "fake-1" });
        }
        if (path == "/users/v1/users")
        {
            return Users(query);
        }
        if (path == "/time-clock/v1/time-clocks")
        {
            return Ok(new JsonObject { ["timeClocks"] = new JsonArray([.. _clocks.Values.Select(ClockJson)]) });
        }
        if (TimeActivitiesPath().Match(path) is { Success: true } match)
        {
            return TimeActivities(long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), query);
        }
        return new Reply(StatusCodes.Status404NotFound, """{"detail":"Not Found"}""");
    }

    private Reply Users(Dictionary<string, string> query)
    {
        var limit = 10;
        var offset = 0;
        if (query.TryGetValue("limit", out var limitText) && (!int.TryParse(limitText, out limit) || limit is < 1 or > 500))
        {
            return Invalid("limit", "ensure this value is between 1 and 500");
        }
        if (query.TryGetValue("offset", out var offsetText) && (!int.TryParse(offsetText, out offset) || offset < 0))
        {
            return Invalid("offset", "ensure this value is greater than or equal to 0");
        }
        Func<User, bool>? filter = query.GetValueOrDefault("userStatus", "active") switch
        {
            "active" => u => !u.IsArchived,
            "archived" => u => u.IsArchived,
            "all" => _ => true,
            _ => null,
        };
        if (filter is null)
        {
            return Invalid("userStatus", "value is not a valid enumeration member; permitted: 'active', 'archived', 'all'");
        }

        var page = _users.Values.Where(filter).Skip(offset).Take(limit).Select(UserJson).ToList();
        return Ok(new JsonObject { ["users"] = new JsonArray([.. page]) },
            new JsonObject { ["offset"] = offset + page.Count });
    }

    private Reply TimeActivities(long clockId, Dictionary<string, string> query)
    {
        if (!TryDate(query, "startDate", out var start, out var startError))
        {
            return startError!;
        }
        if (!TryDate(query, "endDate", out var end, out var endError))
        {
            return endError!;
        }
        if (end < start)
        {
            return Invalid("endDate", "endDate must not be before startDate");
        }
        if (end.DayNumber - start.DayNumber + 1 > MaxRangeDays)
        {
            return Invalid("endDate", $"date range exceeds {MaxRangeDays} days");
        }
        if (!_clocks.TryGetValue(clockId, out var clock))
        {
            return new Reply(StatusCodes.Status404NotFound,
                """{"error":"Not found","path":"time-activities","requestId":"r-404","details":{"error_message":"Time clock not found","error_code":"TIME_CLOCK_NOT_FOUND"}}""");
        }

        var inRange = _activities
            .Where(a => a.ClockId == clockId)
            .Where(a => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(a.StartUtc, clock.Zone)) is var day && day >= start && day <= end)
            .ToLookup(a => a.UserId);
        // userIds arrives as repeated keys (userIds=1&userIds=2), which the query dictionary joins with commas.
        HashSet<long>? only = null;
        if (query.TryGetValue("userIds", out var userIdsText))
        {
            only = [];
            foreach (var part in userIdsText.Split(','))
            {
                if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                {
                    return Invalid("userIds", "value is not a valid integer");
                }
                only.Add(id);
            }
        }
        var userIds = _assignments.Where(a => a.ClockId == clockId).Select(a => a.UserId)
            .Concat(_activities.Where(a => a.ClockId == clockId).Select(a => a.UserId))
            .Where(id => only is null || only.Contains(id))
            .Distinct()
            .Order();

        var entries = new JsonArray();
        foreach (var userId in userIds)
        {
            var activities = inRange[userId].OrderBy(a => a.StartUtc).ToList();
            entries.Add(new JsonObject
            {
                ["userId"] = userId,
                ["shifts"] = new JsonArray([.. activities.Where(a => !a.IsBreak)
                    .SelectMany(a => SplitAroundBreaks(a, activities)).Select(a => ActivityJson(a, clock))]),
                ["manualBreaks"] = new JsonArray([.. activities.Where(a => a.IsBreak).Select(a => ActivityJson(a, clock))]),
                ["timeOffs"] = new JsonArray(),
            });
        }
        foreach (var (_, entry) in _rawUserEntries.Where(e => e.ClockId == clockId && only is null))
        {
            entries.Add(entry.DeepClone());
        }
        return Ok(new JsonObject { ["timeActivitiesByUsers"] = entries });
    }

    // The time clock closes a shift when a break starts and opens a new one (new id) when it ends.
    private static IEnumerable<Activity> SplitAroundBreaks(Activity shift, List<Activity> activities)
    {
        if (shift.Raw is not null)
        {
            yield return shift;
            yield break;
        }
        var part = shift;
        var number = 0;
        foreach (var pause in activities.Where(a => a.IsBreak && !a.InsideShift && a.StartUtc > shift.StartUtc
                     && (shift.EndUtc is null || a.StartUtc < shift.EndUtc)).OrderBy(a => a.StartUtc))
        {
            yield return part with { EndUtc = pause.StartUtc };
            if (pause.EndUtc is not { } resumed || (shift.EndUtc is { } end && resumed >= end))
            {
                yield break;
            }
            part = part with { Id = $"{shift.Id}-{++number}", StartUtc = resumed, EndUtc = shift.EndUtc };
        }
        yield return part;
    }

    private Reply Ok(JsonObject data, JsonObject? paging = null)
    {
        var body = new JsonObject
        {
            ["requestId"] = $"r-{Interlocked.Increment(ref _requestCounter)}",
            ["data"] = data,
            ["apiVersionHint"] = "added-later-unknown-to-clients",
        };
        if (paging is not null)
        {
            body["paging"] = paging;
        }
        return new Reply(StatusCodes.Status200OK, body.ToJsonString());
    }

    private static Reply Invalid(string parameter, string message) =>
        new(StatusCodes.Status422UnprocessableEntity, new JsonObject
        {
            ["detail"] = new JsonArray(new JsonObject
            {
                ["loc"] = new JsonArray("query", parameter),
                ["msg"] = message,
                ["type"] = "value_error",
            }),
        }.ToJsonString());

    private static bool TryDate(Dictionary<string, string> query, string name, out DateOnly date, out Reply? error)
    {
        error = null;
        if (!query.TryGetValue(name, out var text))
        {
            error = Invalid(name, "field required");
            date = default;
            return false;
        }
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            error = Invalid(name, "invalid date format, expected YYYY-MM-DD");
            return false;
        }
        return true;
    }

    private static JsonObject UserJson(User user)
    {
        var json = new JsonObject
        {
            ["userId"] = user.Id,
            ["firstName"] = user.FirstName,
            ["lastName"] = user.LastName,
            ["phoneNumber"] = $"+1555{user.Id % 10_000_000:0000000}",
            ["userType"] = "user",
            ["customFields"] = new JsonArray(new JsonObject { ["customFieldId"] = 7, ["name"] = "Team", ["type"] = "str", ["value"] = "Pick" }),
            ["isArchived"] = user.IsArchived,
            ["createdAt"] = 1_704_067_200,
            ["modifiedAt"] = 1_704_153_600,
            ["lastLogin"] = 0,
            ["kioskCode"] = "1234",
            ["smartGroupsIds"] = new JsonArray(3, 5),
            ["someFutureField"] = new JsonObject { ["nested"] = new JsonArray(1, "two", null) },
        };
        if (user.Email is not null)
        {
            json["email"] = user.Email;
        }
        if (user.IsArchived)
        {
            json["archivedAt"] = 1_706_745_600;
        }
        return json;
    }

    private static JsonObject ClockJson(Clock clock) => new()
    {
        ["id"] = clock.Id,
        ["name"] = clock.Name,
        ["isArchived"] = clock.IsArchived,
        ["timezoneHint"] = clock.Zone.Id,
    };

    private static JsonNode ActivityJson(Activity activity, Clock clock)
    {
        if (activity.Raw is not null)
        {
            return activity.Raw.DeepClone();
        }

        var json = new JsonObject
        {
            ["id"] = activity.Id,
            ["start"] = TimePoint(activity.StartUtc, clock),
            ["createdAt"] = activity.CreatedAt,
            ["modifiedAt"] = activity.ModifiedAt,
            ["isAutoClockOut"] = false,
            ["employeeNote"] = null,
            ["driftField"] = new JsonObject { ["since"] = "2027", ["values"] = new JsonArray(1, 2, 3) },
        };
        // An open shift or break has no "end" key at all (seen in a captured real response), not "end": null.
        if (activity.EndUtc is { } end)
        {
            json["end"] = TimePoint(end, clock);
        }
        if (activity.IsBreak)
        {
            json["manualBreakId"] = "brk-lunch";
            json["isPaid"] = false;
        }
        else
        {
            json["jobId"] = "a429b1a5-0000-4000-8000-000000000001";
            json["shiftAttachments"] = new JsonArray();
        }
        return json;
    }

    private static JsonObject TimePoint(DateTime utc, Clock clock) => new()
    {
        ["timestamp"] = new DateTimeOffset(utc).ToUnixTimeSeconds(),
        ["timezone"] = clock.Zone.Id,
        ["source"] = new JsonObject { ["type"] = "kiosk", ["name"] = "Front door" },
        ["locationData"] = new JsonObject { ["address"] = "1 Warehouse Way", ["longitude"] = -96.8, ["latitude"] = 32.7 },
    };

    private void Edit(string id, bool isBreak, DateTime startUtc, DateTime? endUtc) => Locked(() =>
    {
        var index = _activities.FindIndex(a => a.Id == id && a.IsBreak == isBreak);
        if (index < 0)
        {
            throw new KeyNotFoundException($"No {(isBreak ? "break" : "shift")} '{id}' in the fake server.");
        }
        _activities[index] = _activities[index] with { StartUtc = Utc(startUtc), EndUtc = Utc(endUtc), ModifiedAt = Now() };
    });

    private bool Remove(string id, bool isBreak)
    {
        lock (_sync)
        {
            return _activities.RemoveAll(a => a.Id == id && a.IsBreak == isBreak) > 0;
        }
    }

    private void Enqueue(int count, Fault fault) => Locked(() =>
    {
        for (var i = 0; i < count; i++)
        {
            _faults.Enqueue(fault);
        }
    });

    private void Locked(Action action)
    {
        lock (_sync)
        {
            action();
        }
    }

    private static DateTime Utc(DateTime value) => value.Kind == DateTimeKind.Local
        ? throw new ArgumentException("Pass UTC times to the fake Connecteam server.", nameof(value))
        : DateTime.SpecifyKind(value, DateTimeKind.Utc);

    private static DateTime? Utc(DateTime? value) => value is { } v ? Utc(v) : null;

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    [GeneratedRegex(@"^/time-clock/v1/time-clocks/(\d+)/time-activities$")]
    private static partial Regex TimeActivitiesPath();

    private sealed record User(long Id, string FirstName, string LastName, string? Email, bool IsArchived);

    private sealed record Clock(long Id, string Name, bool IsArchived, TimeZoneInfo Zone);

    private sealed record Activity(
        string Id, long ClockId, long UserId, bool IsBreak, DateTime StartUtc, DateTime? EndUtc, long CreatedAt, JsonNode? Raw)
    {
        public long ModifiedAt { get; init; } = CreatedAt;

        /// <summary>A break created through the API without splitting the shift it lies in.</summary>
        public bool InsideShift { get; init; }
    }

    private sealed record Fault(int Status, TimeSpan? ResetAfter, TimeSpan? RetryAfter, bool DailyLimitSpent, TimeSpan Delay, bool Malformed);

    private sealed record Reply(
        int Status, string Body, TimeSpan Delay = default, IReadOnlyDictionary<string, string>? Headers = null,
        DateTimeOffset? RateLimitReset = null);
}
