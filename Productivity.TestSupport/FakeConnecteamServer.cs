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
using Microsoft.Extensions.Primitives;

namespace Productivity.TestSupport;

/// <summary>
/// A real HTTP server (Kestrel on 127.0.0.1, a free port) that answers like Connecteam's API
/// (reference sections A.3, A.4, A.8): <c>/me</c>, paged <c>/users/v1/users</c>, <c>/time-clock/v1/time-clocks</c>,
/// <c>…/{id}/time-activities</c> and <c>…/{id}/manual-breaks</c> with unknown fields sprinkled in, open shifts without
/// an <c>end</c> key, 401 without the key. It is as strict as the documentation: a query parameter the endpoint does
/// not document, or a value outside its documented range, gets 422 in the API's validation shape; time-activities
/// refuses a range over <see cref="MaxRangeDays"/>; and the users list comes back in an order of its own, different on
/// every request, unless <c>sort=created_at</c> is given. Data is set per test; faults are queued and each one answers
/// the next request, or last for a stretch of time (<see cref="RateLimitFor"/>, <see cref="FailShareFor"/>,
/// <see cref="DelayFor"/>). Every request is recorded.
/// </summary>
public sealed partial class FakeConnecteamServer : IAsyncDisposable
{
    public const string DefaultApiKey = "test-key";
    public const string DefaultTimeZone = "America/Chicago";
    public const string DefaultBreakTypeId = "brk-lunch";

    /// <summary>createdAt of the first user added without one (2024-01-01); each later one is a minute younger.</summary>
    private const long FirstCreatedAt = 1_704_067_200;
    private const long ArchivedAt = 1_706_745_600;

    // GET /users/v1/users (A.3). Arrays are sent as repeated keys (userIds=1&userIds=2): the docs read do not spell the
    // encoding out, FastAPI's error model suggests it; "userIds[]" is therefore an unknown parameter here.
    private static readonly QueryParameter[] UsersParameters =
    [
        new("limit", Integer(1, 500)),
        new("offset", Integer(0, int.MaxValue)),
        new("sort", OneOf("created_at")),
        new("order", OneOf("asc", "desc")),
        new("userIds", Integer(1, long.MaxValue), IsArray: true),
        new("userStatus", OneOf("active", "archived", "all")),
        new("fullNames", Text, IsArray: true),
        new("phoneNumbers", Text, IsArray: true),
        new("emailAddresses", Text, IsArray: true),
        new("createdAt", Integer(0, long.MaxValue)),
        new("modifiedAt", Integer(0, long.MaxValue)),
        new("lastLogin", Integer(0, long.MaxValue)),
        new("archivedAt", Integer(0, long.MaxValue)),
    ];

    // GET …/time-activities (A.3): no paging parameters at all, the date window is the only bound.
    private static readonly QueryParameter[] TimeActivitiesParameters =
    [
        new("startDate", Date, Required: true),
        new("endDate", Date, Required: true),
        new("userIds", Integer(1, long.MaxValue), IsArray: true),
        new("jobIds", Text, IsArray: true),
        new("manualBreakIds", Text, IsArray: true),
        new("policyTypeIds", Text, IsArray: true),
        new("activityTypes", OneOf("shift", "manual_break", "time_off"), IsArray: true),
    ];

    private readonly WebApplication _app;
    private readonly Lock _sync = new();
    private readonly SortedDictionary<long, User> _users = [];
    private readonly SortedDictionary<long, Clock> _clocks = [];
    private readonly HashSet<(long ClockId, long UserId)> _assignments = [];
    private readonly List<Activity> _activities = [];
    private readonly List<(long ClockId, JsonNode Entry)> _rawUserEntries = [];
    private readonly HashSet<(long ClockId, long UserId)> _leftOut = [];
    private readonly Dictionary<long, List<JsonNode>> _breakTypes = [];
    private readonly Queue<Fault> _faults = new();
    private readonly List<Stretch> _stretches = [];
    private readonly List<FakeConnecteamRequest> _requests = [];
    private readonly Dictionary<string, Reply> _answers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _rawBodies = new(StringComparer.Ordinal);
    private int _requestCounter;
    private int _unsortedUserReads;

    private FakeConnecteamServer(WebApplication app, string apiKey)
    {
        _app = app;
        ApiKey = apiKey;
    }

    public string BaseUrl { get; private set; } = "";

    public string ApiKey { get; }

    /// <summary>
    /// The widest <c>startDate</c>..<c>endDate</c> range (days, inclusive) time-activities accepts: 90 since the
    /// September 2025 changelog (the guide still says 92; the stricter one is what the client must respect).
    /// </summary>
    public int MaxRangeDays { get; set; } = 90;

    /// <summary>
    /// Serves each distinct successful request's answer, once built, from memory until the data changes (the same
    /// requestId each time, and the unsorted users list in one order): a benchmark's timings then measure the client
    /// and the sync rather than this server.
    /// </summary>
    public bool CacheAnswers { get; set; }

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

    /// <param name="createdAt">Unix seconds; by default users are created a minute apart in the order they are added.</param>
    public void AddUser(long userId, string firstName, string lastName, string? email = null, bool archived = false, long? createdAt = null) =>
        Locked(() => _users[userId] = new User(userId, firstName, lastName, email, archived,
            createdAt ?? (_users.TryGetValue(userId, out var old) ? old.CreatedAt : FirstCreatedAt + 60L * _users.Count)));

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
    /// <param name="breakTypeId">One of the clock's break types (<see cref="SetBreakTypes"/>); the item carries its
    /// <c>isPaid</c>, as the real time clock copies it from the type.</param>
    public void AddBreak(long clockId, long userId, string id, DateTime startUtc, DateTime? endUtc = null, bool insideShift = false,
        string breakTypeId = DefaultBreakTypeId, bool isPaid = false) =>
        Locked(() => _activities.Add(new Activity(id, clockId, userId, IsBreak: true, Utc(startUtc), Utc(endUtc), Now(), null)
        {
            InsideShift = insideShift,
            BreakTypeId = breakTypeId,
            IsPaid = isPaid,
        }));

    /// <summary>A shift item sent verbatim (e.g. malformed) among the shifts of <paramref name="userId"/> on <paramref name="day"/>.</summary>
    public void AddRawShift(long clockId, long userId, DateOnly day, string json) =>
        Locked(() => _activities.Add(new Activity($"raw-{Guid.NewGuid():N}", clockId, userId, IsBreak: false,
            day.ToDateTime(TimeOnly.FromTimeSpan(TimeSpan.FromHours(12)), DateTimeKind.Utc), null, Now(), Raw: JsonNode.Parse(json))));

    /// <summary>
    /// Answers every authorised GET of <paramref name="path"/> (without its query; e.g. <c>/users/v1/users</c> or
    /// <c>/time-clock/v1/time-clocks/1/time-activities</c>) with 200 and <paramref name="body"/> verbatim, however
    /// malformed: a generated payload (truncated JSON, wrong types) reaches the client over real HTTP. Null restores the
    /// normal answer. Queued faults still come first.
    /// </summary>
    public void ServeRawBody(string path, string? body) => Locked(() =>
    {
        if (body is null)
        {
            _rawBodies.Remove(path);
        }
        else
        {
            _rawBodies[path] = body;
        }
    });

    /// <summary>An entry of <c>timeActivitiesByUsers</c> sent verbatim in every time-activities answer of the clock.</summary>
    public void AddRawUserEntry(long clockId, string json) => Locked(() => _rawUserEntries.Add((clockId, JsonNode.Parse(json)!)));

    public void EditShift(string id, DateTime startUtc, DateTime? endUtc) => Edit(id, isBreak: false, startUtc, endUtc);

    public void EditBreak(string id, DateTime startUtc, DateTime? endUtc) => Edit(id, isBreak: true, startUtc, endUtc);

    public bool RemoveShift(string id) => Remove(id, isBreak: false);

    public bool RemoveBreak(string id) => Remove(id, isBreak: true);

    /// <summary>
    /// Leaves the user out of the clock's time-activities answers altogether, shifts included, as Connecteam may for a
    /// user no longer assigned to the clock (A.3 says only that such users cannot be asked for by id; whether their
    /// history is still listed is not documented, so the sync must not read their absence as deleted shifts).
    /// </summary>
    public void LeaveOutUser(long clockId, long userId) => Locked(() => _leftOut.Add((clockId, userId)));

    /// <summary>
    /// The clock's break types as <c>…/manual-breaks</c> lists them (replacing the default single unpaid
    /// <see cref="DefaultBreakTypeId"/> "Lunch").
    /// </summary>
    public void SetBreakTypes(long clockId, params (string Id, string Name, bool IsPaid)[] types) =>
        Locked(() => _breakTypes[clockId] = [.. types.Select(t => BreakTypeJson(t.Id, t.Name, t.IsPaid))]);

    /// <summary>A break type item sent verbatim (e.g. malformed) after the clock's other break types.</summary>
    public void AddRawBreakType(long clockId, string json) => Locked(() =>
    {
        if (!_breakTypes.TryGetValue(clockId, out var types))
        {
            types = [BreakTypeJson(DefaultBreakTypeId, "Lunch", false)];
            _breakTypes[clockId] = types;
        }
        types.Add(JsonNode.Parse(json)!);
    });

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

    /// <summary>
    /// From <paramref name="from"/> (default now) for <paramref name="duration"/> every request gets 429, as the real API
    /// answers once the account's minute budget is spent by someone else (A.5): <c>x-ratelimit-minute-remaining: 0</c> and
    /// <c>x-ratelimit-minute-reset</c> (UTC epoch seconds) at the end of the stretch, but never more than a minute away
    /// (the budget is per minute; a longer stretch announces a reset that turns out to be early). Returns the end.
    /// </summary>
    public DateTimeOffset RateLimitFor(TimeSpan duration, DateTimeOffset? from = null) =>
        AddStretch(new Stretch(from ?? DateTimeOffset.UtcNow, duration, StatusCodes.Status429TooManyRequests, EveryNth: 1, TimeSpan.Zero));

    /// <summary>
    /// For <paramref name="duration"/> a share of the requests fails with <paramref name="status"/>: every
    /// round(1 / <paramref name="share"/>)-th request of the stretch (0.2: every fifth), so a run is reproducible.
    /// </summary>
    public DateTimeOffset FailShareFor(TimeSpan duration, double share, HttpStatusCode status = HttpStatusCode.InternalServerError,
        DateTimeOffset? from = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(share);
        return AddStretch(new Stretch(from ?? DateTimeOffset.UtcNow, duration, (int)status, EveryNth: Math.Max(1, (int)Math.Round(1 / share)), TimeSpan.Zero));
    }

    /// <summary>For <paramref name="duration"/> every request is answered normally, but only after <paramref name="delay"/>.</summary>
    public DateTimeOffset DelayFor(TimeSpan duration, TimeSpan delay, DateTimeOffset? from = null) =>
        AddStretch(new Stretch(from ?? DateTimeOffset.UtcNow, duration, StatusCodes.Status200OK, EveryNth: 1, delay));

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
        var parameters = request.Query.ToDictionary(q => q.Key, q => q.Value, StringComparer.Ordinal);
        var hasKey = request.Headers.ContainsKey("X-API-KEY");
        var authorized = request.Headers["X-API-KEY"] == ApiKey;

        Reply reply;
        lock (_sync)
        {
            reply = StretchFault(receivedAt) is { } stretchFault
                ? FaultReply(stretchFault, receivedAt, () => Route(request.Method, request.Path.Value ?? "/", parameters, authorized))
                : _faults.TryDequeue(out var fault)
                    ? FaultReply(fault, receivedAt, () => Route(request.Method, request.Path.Value ?? "/", parameters, authorized))
                    : Answer(request.Method, request.Path.Value ?? "/", request.QueryString.Value, parameters, authorized);
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

    /// <summary>The fault of the stretch covering <paramref name="now"/> for this request, if any (called under the lock).</summary>
    private Fault? StretchFault(DateTimeOffset now)
    {
        var stretch = _stretches.Find(s => s.From <= now && now < s.Until);
        if (stretch is null || ++stretch.Calls % stretch.EveryNth != 0)
        {
            return null;
        }
        if (stretch.Status == StatusCodes.Status429TooManyRequests)
        {
            // The header carries whole seconds: the reset is the second the stretch has ended by, never one before it.
            var untilEnd = DateTimeOffset.FromUnixTimeSeconds((stretch.Until.ToUnixTimeMilliseconds() + 999) / 1000) - now;
            return new Fault(stretch.Status, untilEnd < TimeSpan.FromMinutes(1) ? untilEnd : TimeSpan.FromMinutes(1), null, false, TimeSpan.Zero, Malformed: false);
        }
        return new Fault(stretch.Status, null, null, false, stretch.Delay, Malformed: false);
    }

    private DateTimeOffset AddStretch(Stretch stretch)
    {
        Locked(() => _stretches.Add(stretch));
        return stretch.Until;
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

    private Reply Answer(string method, string path, string? queryString, Dictionary<string, StringValues> query, bool authorized)
    {
        if (!CacheAnswers)
        {
            return Route(method, path, query, authorized);
        }
        var key = $"{method} {path}{queryString}";
        if (!_answers.TryGetValue(key, out var reply))
        {
            reply = Route(method, path, query, authorized);
            if (reply.Status == StatusCodes.Status200OK)
            {
                _answers[key] = reply;
            }
        }
        return reply;
    }

    private Reply Route(string method, string path, Dictionary<string, StringValues> query, bool authorized)
    {
        if (!authorized)
        {
            return new Reply(UnauthorizedStatusCode, """{"detail":"Invalid or missing API key"}""");
        }
        if (method != HttpMethods.Get)
        {
            return new Reply(StatusCodes.Status405MethodNotAllowed, """{"detail":"Method Not Allowed"}""");
        }
        if (_rawBodies.TryGetValue(path, out var raw))
        {
            return new Reply(StatusCodes.Status200OK, raw);
        }
        if (path == "/me")
        {
            return Validate(query, []) ?? Ok(new JsonObject { ["companyName"] = "Fake Warehouse Co", ["companyId"] = "fake-1" });
        }
        if (path == "/users/v1/users")
        {
            return Validate(query, UsersParameters) ?? Users(query);
        }
        if (path == "/time-clock/v1/time-clocks")
        {
            return Validate(query, [])
                ?? Ok(new JsonObject { ["timeClocks"] = new JsonArray([.. _clocks.Values.Select(ClockJson)]) });
        }
        if (TimeActivitiesPath().Match(path) is { Success: true } activities)
        {
            return Validate(query, TimeActivitiesParameters)
                ?? TimeActivities(long.Parse(activities.Groups[1].Value, CultureInfo.InvariantCulture), query);
        }
        if (ManualBreaksPath().Match(path) is { Success: true } breaks)
        {
            return Validate(query, []) ?? BreakTypes(long.Parse(breaks.Groups[1].Value, CultureInfo.InvariantCulture));
        }
        return new Reply(StatusCodes.Status404NotFound, """{"detail":"Not Found"}""");
    }

    private Reply Users(Dictionary<string, StringValues> query)
    {
        var limit = query.TryGetValue("limit", out var limitText) ? int.Parse(limitText!, CultureInfo.InvariantCulture) : 10;
        var offset = query.TryGetValue("offset", out var offsetText) ? int.Parse(offsetText!, CultureInfo.InvariantCulture) : 0;
        IEnumerable<User> users = (query.TryGetValue("userStatus", out var status) ? status.ToString() : "active") switch
        {
            "active" => _users.Values.Where(u => !u.IsArchived),
            "archived" => _users.Values.Where(u => u.IsArchived),
            _ => _users.Values,
        };
        users = Matching(users, query, "userIds", (u, v) => u.Id == long.Parse(v, CultureInfo.InvariantCulture));
        users = Matching(users, query, "fullNames", (u, v) => string.Equals($"{u.FirstName} {u.LastName}", v, StringComparison.OrdinalIgnoreCase));
        users = Matching(users, query, "phoneNumbers", (u, v) => PhoneNumber(u) == v);
        users = Matching(users, query, "emailAddresses", (u, v) => string.Equals(u.Email, v, StringComparison.OrdinalIgnoreCase));
        // "Only users … after this date": read as at-or-after, the safe side for an incremental client.
        users = Since(users, query, "createdAt", u => u.CreatedAt);
        users = Since(users, query, "modifiedAt", u => u.CreatedAt);
        users = Since(users, query, "lastLogin", _ => 0);
        users = Since(users, query, "archivedAt", u => u.IsArchived ? ArchivedAt : null);

        List<User> ordered;
        if (query.ContainsKey("sort"))
        {
            // created_at is not unique (bulk imports share a second); the user id breaks ties so that pages are stable.
            ordered = query.TryGetValue("order", out var order) && order == "desc"
                ? [.. users.OrderByDescending(u => u.CreatedAt).ThenByDescending(u => u.Id)]
                : [.. users.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id)];
        }
        else
        {
            // The API promises no order without sort; a fresh shuffle per request makes a client that relies on one
            // lose and repeat users between pages, as it would against the real thing. Seeded: failures reproduce.
            var shuffled = users.ToArray();
            new Random(unchecked(0x5EED + _unsortedUserReads++)).Shuffle(shuffled);
            ordered = [.. shuffled];
        }

        var page = ordered.Skip(offset).Take(limit).Select(UserJson).ToList();
        return Ok(new JsonObject { ["users"] = new JsonArray([.. page]) },
            new JsonObject { ["offset"] = offset + page.Count });
    }

    private Reply TimeActivities(long clockId, Dictionary<string, StringValues> query)
    {
        var start = DateOnly.ParseExact(query["startDate"]!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var end = DateOnly.ParseExact(query["endDate"]!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
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
            return ClockNotFound();
        }

        var inRange = _activities
            .Where(a => a.ClockId == clockId)
            .Where(a => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(a.StartUtc, clock.Zone)) is var day && day >= start && day <= end)
            .ToLookup(a => a.UserId);
        // A filtered answer (userIds) lists only those users; verbatim entries are left out of it.
        var filtered = query.ContainsKey("userIds");
        var userIds = _assignments.Where(a => a.ClockId == clockId).Select(a => a.UserId)
            .Concat(_activities.Where(a => a.ClockId == clockId).Select(a => a.UserId))
            .Where(userId => !_leftOut.Contains((clockId, userId)))
            .Distinct()
            .Order();
        userIds = Matching(userIds, query, "userIds", (userId, v) => userId == long.Parse(v, CultureInfo.InvariantCulture)).Order();

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
        Narrow(entries, query);
        foreach (var (_, entry) in _rawUserEntries.Where(e => e.ClockId == clockId && !filtered))
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

    private static Reply Invalid(string parameter, string message, string type = "value_error") =>
        new(StatusCodes.Status422UnprocessableEntity, new JsonObject
        {
            ["detail"] = new JsonArray(new JsonObject
            {
                ["loc"] = new JsonArray("query", parameter),
                ["msg"] = message,
                ["type"] = type,
            }),
        }.ToJsonString());

    // GET …/manual-breaks: the reference names the endpoint (A.4) but not its shape. Assumed here, like the other lists:
    // {"requestId":…,"data":{"manualBreaks":[{"id":"brk-lunch","name":"Lunch","isPaid":false}]}}.
    private Reply BreakTypes(long clockId)
    {
        if (!_clocks.ContainsKey(clockId))
        {
            return ClockNotFound();
        }
        var types = _breakTypes.TryGetValue(clockId, out var set) ? set : [BreakTypeJson(DefaultBreakTypeId, "Lunch", false)];
        return Ok(new JsonObject { ["manualBreaks"] = new JsonArray([.. types.Select(t => t.DeepClone())]) });
    }

    /// <summary>
    /// The filters on what each user's lists hold, applied to the answer as built (after the clock has recorded its
    /// shifts): <c>activityTypes</c> empties the lists not asked for, <c>jobIds</c>, <c>manualBreakIds</c> and
    /// <c>policyTypeIds</c> keep the items of those ids.
    /// </summary>
    private static void Narrow(JsonArray entries, Dictionary<string, StringValues> query)
    {
        foreach (var entry in entries.OfType<JsonObject>())
        {
            Narrow(entry, query, "shifts", "shift", "jobIds", "jobId");
            Narrow(entry, query, "manualBreaks", "manual_break", "manualBreakIds", "manualBreakId");
            Narrow(entry, query, "timeOffs", "time_off", "policyTypeIds", "policyTypeId");
        }
    }

    private static void Narrow(JsonObject entry, Dictionary<string, StringValues> query, string list, string type, string filter, string member)
    {
        var asked = !query.TryGetValue("activityTypes", out var types) || types.Contains(type);
        var items = asked ? entry[list]!.AsArray().Select(item => item!.DeepClone()) : [];
        entry[list] = new JsonArray([.. Matching(items, query, filter, (item, id) => item[member]?.ToString() == id)]);
    }

    /// <summary>The items matching any of the values of an array filter; all items when the filter is not given.</summary>
    private static IEnumerable<T> Matching<T>(IEnumerable<T> items, Dictionary<string, StringValues> query, string name, Func<T, string, bool> match) =>
        query.TryGetValue(name, out var values) ? items.Where(item => values.Any(v => match(item, v!))) : items;

    private static IEnumerable<User> Since(IEnumerable<User> users, Dictionary<string, StringValues> query, string name, Func<User, long?> value) =>
        query.TryGetValue(name, out var text) && long.Parse(text!, CultureInfo.InvariantCulture) is var since
            ? users.Where(u => value(u) >= since)
            : users;

    /// <summary>
    /// FastAPI's query validation as the API answers it (A.6): the first unknown parameter, repeated single value,
    /// invalid value or missing required parameter gives 422 naming it in <c>loc</c>.
    /// </summary>
    private static Reply? Validate(Dictionary<string, StringValues> query, QueryParameter[] documented)
    {
        foreach (var (name, values) in query)
        {
            var parameter = Array.Find(documented, p => p.Name == name);
            if (parameter is null)
            {
                return Invalid(name, "extra inputs are not permitted", "extra_forbidden");
            }
            if (!parameter.IsArray && values.Count > 1)
            {
                return Invalid(name, "expected a single value, not a list", "type_error");
            }
            foreach (var value in values)
            {
                if (parameter.Check(value ?? "") is { } message)
                {
                    return Invalid(name, message);
                }
            }
        }
        return Array.Find(documented, p => p.Required && !query.ContainsKey(p.Name)) is { } missing
            ? Invalid(missing.Name, "field required", "missing")
            : null;
    }

    private static Func<string, string?> Integer(long min, long max) => text =>
        !long.TryParse(text, NumberStyles.None | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? "value is not a valid integer"
            : value < min || value > max
                ? max == long.MaxValue || max == int.MaxValue
                    ? Invariant($"ensure this value is greater than or equal to {min}")
                    : Invariant($"ensure this value is between {min} and {max}")
                : null;

    private static Func<string, string?> OneOf(params string[] permitted) => text =>
        permitted.Contains(text, StringComparer.Ordinal)
            ? null
            : $"value is not a valid enumeration member; permitted: {string.Join(", ", permitted.Select(p => $"'{p}'"))}";

    private static string? Text(string text) => text.Length == 0 ? "ensure this value has at least 1 characters" : null;

    private static string? Date(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? null
            : "invalid date format, expected YYYY-MM-DD";

    private static Reply ClockNotFound() => new(StatusCodes.Status404NotFound,
        """{"error":"Not found","path":"time-clocks","requestId":"r-404","details":{"error_message":"Time clock not found","error_code":"TIME_CLOCK_NOT_FOUND"}}""");

    private static JsonObject UserJson(User user)
    {
        var json = new JsonObject
        {
            ["userId"] = user.Id,
            ["firstName"] = user.FirstName,
            ["lastName"] = user.LastName,
            ["phoneNumber"] = PhoneNumber(user),
            ["userType"] = "user",
            ["customFields"] = new JsonArray(new JsonObject { ["customFieldId"] = 7, ["name"] = "Team", ["type"] = "str", ["value"] = "Pick" }),
            ["isArchived"] = user.IsArchived,
            ["createdAt"] = user.CreatedAt,
            ["modifiedAt"] = user.CreatedAt,
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
            json["archivedAt"] = ArchivedAt;
        }
        return json;
    }

    private static string PhoneNumber(User user) => Invariant($"+1555{user.Id % 10_000_000:0000000}");

    private static JsonObject BreakTypeJson(string id, string name, bool isPaid) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["isPaid"] = isPaid,
        ["icon"] = "coffee",
    };

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
            json["manualBreakId"] = activity.BreakTypeId;
            json["isPaid"] = activity.IsPaid;
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
            _answers.Clear();
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
            // Every change of data passes here (or through Remove): an answer cached before it is stale.
            _answers.Clear();
            action();
        }
    }

    private static DateTime Utc(DateTime value) => value.Kind == DateTimeKind.Local
        ? throw new ArgumentException("Pass UTC times to the fake Connecteam server.", nameof(value))
        : DateTime.SpecifyKind(value, DateTimeKind.Utc);

    private static DateTime? Utc(DateTime? value) => value is { } v ? Utc(v) : null;

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^/time-clock/v1/time-clocks/(\d+)/time-activities$")]
    private static partial Regex TimeActivitiesPath();

    [GeneratedRegex(@"^/time-clock/v1/time-clocks/(\d+)/manual-breaks$")]
    private static partial Regex ManualBreaksPath();

    /// <summary>A documented query parameter; <see cref="Check"/> returns why one value is invalid, or null.</summary>
    private sealed record QueryParameter(string Name, Func<string, string?> Check, bool IsArray = false, bool Required = false);

    private sealed record User(long Id, string FirstName, string LastName, string? Email, bool IsArchived, long CreatedAt);

    private sealed record Clock(long Id, string Name, bool IsArchived, TimeZoneInfo Zone);

    private sealed record Activity(
        string Id, long ClockId, long UserId, bool IsBreak, DateTime StartUtc, DateTime? EndUtc, long CreatedAt, JsonNode? Raw)
    {
        public long ModifiedAt { get; init; } = CreatedAt;

        /// <summary>A break created through the API without splitting the shift it lies in.</summary>
        public bool InsideShift { get; init; }
        public string BreakTypeId { get; init; } = DefaultBreakTypeId;
        public bool IsPaid { get; init; }
    }

    /// <summary>A stretch of time in which every <see cref="EveryNth"/>-th request gets <see cref="Status"/> (200: after <see cref="Delay"/>).</summary>
    private sealed record Stretch(DateTimeOffset From, TimeSpan Duration, int Status, int EveryNth, TimeSpan Delay)
    {
        public DateTimeOffset Until => From + Duration;
        public int Calls { get; set; }
    }

    private sealed record Fault(int Status, TimeSpan? ResetAfter, TimeSpan? RetryAfter, bool DailyLimitSpent, TimeSpan Delay, bool Malformed);

    private sealed record Reply(
        int Status, string Body, TimeSpan Delay = default, IReadOnlyDictionary<string, string>? Headers = null,
        DateTimeOffset? RateLimitReset = null);
}
