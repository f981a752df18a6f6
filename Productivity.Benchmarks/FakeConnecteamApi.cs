using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Productivity.Benchmarks;

/// <summary>
/// A minimal stand-in for Connecteam's API on Kestrel (127.0.0.1, a free port): <c>/users/v1/users</c> (paged),
/// <c>/time-clock/v1/time-clocks</c> and <c>…/{id}/time-activities</c>, in the response shapes of the real API
/// (envelope, time points with timezone, unknown fields). Each distinct request's body is built once and then served
/// from memory, so the timings measure the client and the sync rather than this server.
/// </summary>
public sealed class FakeConnecteamApi : IAsyncDisposable
{
    public const string ApiKey = "bench-key";
    public const long ClockId = FloorSeeder.ClockId;

    private readonly WebApplication _app;
    private readonly IReadOnlyList<FloorEmployee> _users;
    private readonly IReadOnlyList<ClockActivity> _activities;
    private readonly TimeZoneInfo _zone;
    private readonly ConcurrentDictionary<string, string> _bodies = new(StringComparer.Ordinal);
    private int _requests;

    private FakeConnecteamApi(WebApplication app, IReadOnlyList<FloorEmployee> users, IReadOnlyList<ClockActivity> activities, TimeZoneInfo zone)
    {
        _app = app;
        _users = users;
        _activities = activities;
        _zone = zone;
    }

    public string BaseUrl { get; private set; } = "";

    public int Requests => _requests;

    public static async Task<FakeConnecteamApi> StartAsync(IReadOnlyList<FloorEmployee> users, IReadOnlyList<ClockActivity> activities, TimeZoneInfo zone)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var api = new FakeConnecteamApi(app, users, activities, zone);
        app.Run(api.HandleAsync);
        await app.StartAsync();
        api.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return api;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        context.Response.ContentType = "application/json";
        if (context.Request.Headers["X-API-KEY"] != ApiKey)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsync("""{"detail":"Invalid or missing API key"}""");
            return;
        }
        var path = context.Request.Path.Value ?? "/";
        var body = _bodies.GetOrAdd(path + context.Request.QueryString, _ => Route(path, context.Request.Query));
        if (body.Length == 0)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsync("""{"detail":"Not Found"}""");
            return;
        }
        await context.Response.WriteAsync(body);
    }

    private string Route(string path, IQueryCollection query)
    {
        if (path == "/users/v1/users")
        {
            var limit = int.Parse(query["limit"].FirstOrDefault() ?? "10", CultureInfo.InvariantCulture);
            var offset = int.Parse(query["offset"].FirstOrDefault() ?? "0", CultureInfo.InvariantCulture);
            var page = _users.Skip(offset).Take(limit).Select(UserJson).ToList();
            return Envelope(new JsonObject { ["users"] = new JsonArray([.. page]) }, new JsonObject { ["offset"] = offset + page.Count });
        }
        if (path == "/time-clock/v1/time-clocks")
        {
            return Envelope(new JsonObject
            {
                ["timeClocks"] = new JsonArray(new JsonObject { ["id"] = ClockId, ["name"] = "Warehouse", ["isArchived"] = false, ["timezoneHint"] = _zone.Id }),
            });
        }
        if (path == $"/time-clock/v1/time-clocks/{ClockId}/time-activities")
        {
            var start = DateOnly.ParseExact(query["startDate"].ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var end = DateOnly.ParseExact(query["endDate"].ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var byUser = _activities
                .Where(a => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(a.StartUtc, _zone)) is var day && day >= start && day <= end)
                .ToLookup(a => a.UserId);
            var entries = new JsonArray();
            foreach (var user in _users)
            {
                var activities = byUser[user.ConnecteamUserId].OrderBy(a => a.StartUtc).ToList();
                entries.Add(new JsonObject
                {
                    ["userId"] = user.ConnecteamUserId,
                    ["shifts"] = new JsonArray([.. activities.Where(a => !a.IsBreak).Select(ActivityJson)]),
                    ["manualBreaks"] = new JsonArray([.. activities.Where(a => a.IsBreak).Select(ActivityJson)]),
                    ["timeOffs"] = new JsonArray(),
                });
            }
            return Envelope(new JsonObject { ["timeActivitiesByUsers"] = entries });
        }
        return "";
    }

    private string Envelope(JsonObject data, JsonObject? paging = null)
    {
        var body = new JsonObject { ["requestId"] = Guid.NewGuid().ToString(), ["data"] = data, ["apiVersionHint"] = "unknown-to-clients" };
        if (paging is not null)
        {
            body["paging"] = paging;
        }
        return body.ToJsonString();
    }

    private static JsonObject UserJson(FloorEmployee user)
    {
        var parts = user.Name.Split(' ', 2);
        return new JsonObject
        {
            ["userId"] = user.ConnecteamUserId,
            ["firstName"] = parts[0],
            ["lastName"] = parts[1],
            ["email"] = user.Email,
            ["phoneNumber"] = $"+1555{user.ConnecteamUserId % 10_000_000:0000000}",
            ["userType"] = "user",
            ["customFields"] = new JsonArray(new JsonObject { ["customFieldId"] = 7, ["name"] = "Team", ["type"] = "str", ["value"] = user.Role }),
            ["isArchived"] = false,
            ["createdAt"] = 1_704_067_200,
            ["modifiedAt"] = 1_704_153_600,
            ["lastLogin"] = 0,
            ["kioskCode"] = "1234",
            ["smartGroupsIds"] = new JsonArray(3, 5),
        };
    }

    private JsonObject ActivityJson(ClockActivity activity)
    {
        var json = new JsonObject
        {
            ["id"] = activity.Id,
            ["start"] = TimePoint(activity.StartUtc),
            ["end"] = TimePoint(activity.EndUtc),
            ["createdAt"] = new DateTimeOffset(activity.StartUtc).ToUnixTimeSeconds(),
            ["modifiedAt"] = new DateTimeOffset(activity.EndUtc).ToUnixTimeSeconds(),
            ["isAutoClockOut"] = false,
            ["employeeNote"] = null,
        };
        if (activity.IsBreak)
        {
            json["manualBreakId"] = "brk-rest";
        }
        else
        {
            json["jobId"] = "a429b1a5-0000-4000-8000-000000000001";
            json["shiftAttachments"] = new JsonArray();
        }
        return json;
    }

    private JsonObject TimePoint(DateTime utc) => new()
    {
        ["timestamp"] = new DateTimeOffset(utc).ToUnixTimeSeconds(),
        ["timezone"] = _zone.Id,
        ["source"] = new JsonObject { ["type"] = "kiosk", ["name"] = "Front door" },
        ["locationData"] = new JsonObject { ["address"] = "1 Warehouse Way", ["longitude"] = -96.8, ["latitude"] = 32.7 },
    };
}
