using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Productivity.Core.Sync;
using Productivity.Infrastructure.Integrations.Connecteam;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Sync;
using Productivity.Tests.TestSupport;
using Xunit.Abstractions;

namespace Productivity.Tests.Infrastructure.BadInput;

/// <summary>
/// Connecteam payloads at volume: generated time-activities and users bodies (missing fields, wrong types, truncated
/// JSON, unknown enums and fields, huge arrays) served verbatim over real HTTP by <see cref="FakeConnecteamServer"/> to
/// the real client and the real shift and employee syncs (<see cref="SyncPipeline"/>) on MariaDB. The oracle judges the
/// body as sent against the reference (A.4: <c>userId</c> an integer, <c>shifts</c> and <c>manualBreaks</c> lists, an
/// item's <c>id</c> a string, <c>start.timestamp</c> / <c>end.timestamp</c> integer Unix seconds, <c>end</c> absent
/// while open, unknown fields ignored), scoring.md (a shift or break must end after it starts) and the stored column
/// sizes (ids 64 characters): every bad item is rejected with a reason and counted, every good one stored, an unreadable
/// body fails the run with its error recorded and changes nothing, and a second run of the same body changes nothing.
/// </summary>
public sealed class ConnecteamBadPayloadTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const long ClockId = 12345;
    // 100 bodies: items per body vary widely with the generated list sizes (14–26 seen), and at least 1,000 are checked.
    private const int ShiftCases = 100;
    private const int UserCases = 80;
    private const int MaxId = 64;
    private const long MaxUnixSeconds = 253_402_300_799;
    private const string ActivitiesPath = "/time-clock/v1/time-clocks/12345/time-activities";
    private const string UsersPath = "/users/v1/users";

    /// <summary>2025-12-10 06:00 Central (UTC−6): every generated shift starts on this business day or is absurd.</summary>
    private static readonly long DayStart = new DateTimeOffset(2025, 12, 10, 12, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
    private static readonly DateOnly Dec10 = new(2025, 12, 10);

    private FakeConnecteamServer _connecteam = null!;
    private TestHost _host = null!;
    private int _case;
    private static long _itemId;

    public async Task InitializeAsync()
    {
        _connecteam = await FakeConnecteamServer.StartAsync();
        _connecteam.AddClock(ClockId, "Warehouse");
        // Four Connecteam users per shift case, so that each case's shifts belong to employees of its own.
        for (var c = 1; c <= ShiftCases * 2; c++)
        {
            for (var slot = 0; slot < 4; slot++)
            {
                var id = UserId(c, slot);
                _connecteam.AddUser(id, "User", id.ToString(CultureInfo.InvariantCulture), $"u{id}@example.test");
            }
        }
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
        _host = await TestHost.StartAsync("MySql", new Dictionary<string, string?>
        {
            ["Connecteam:ApiKey"] = _connecteam.ApiKey,
            ["Connecteam:BaseUrl"] = _connecteam.BaseUrl,
        }, services =>
        {
            services.AddSingleton<TimeProvider>(time);
            // The limiter counts its minute on the injected clock, which is frozen here: after 90 requests it would wait
            // forever. The limit itself is ConnecteamRateLimiterTests'; these tests make hundreds of requests.
            services.AddSingleton(new ConnecteamRateLimiter(1_000_000, TimeSpan.FromMinutes(1), TimeProvider.System));
        });
        (await Pipeline.SyncEmployeesAsync("test")).Failure.ShouldBeNull();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _connecteam.DisposeAsync();
    }

    private SyncPipeline Pipeline => _host.Services.GetRequiredService<SyncPipeline>();

    private static long UserId(int @case, int slot) => slot < 4 ? 1_000_000 + @case * 10 + slot : 9_000_000 + @case;

    [Fact]
    public async Task GeneratedTimeActivities_BadItemsRejectedAndCounted_GoodStored_UnreadableBodyFailsTheRun()
    {
        var seed = BadInputSeed.Value;
        output.WriteLine($"seed {seed}: {ShiftCases} time-activities bodies");
        var watch = Stopwatch.StartNew();
        var totals = new int[3];
        await ActivitiesBody.SampleAsync(async body =>
        {
            var (good, bad, failedRuns) = await CheckActivitiesAsync(body);
            totals[0] += good;
            totals[1] += bad;
            totals[2] += failedRuns;
        }, writeLine: output.WriteLine, seed: seed, iter: ShiftCases, threads: 1, print: b => Short(b.ToJsonString(), 4000));
        _connecteam.ServeRawBody(ActivitiesPath, null);

        output.WriteLine($"{totals[0] + totals[1]} items checked ({totals[0]} good, {totals[1]} bad), {totals[2]} unreadable bodies, " +
            $"in {watch.Elapsed.TotalSeconds:0.0} s");
        (totals[0] + totals[1]).ShouldBeGreaterThanOrEqualTo(1000);
        totals[0].ShouldBeGreaterThan(200);
        totals[1].ShouldBeGreaterThan(200);
        totals[2].ShouldBeGreaterThan(0);
    }

    private async Task<(int Good, int Bad, int FailedRuns)> CheckActivitiesAsync(JsonNode template)
    {
        var @case = Interlocked.Increment(ref _case);
        var body = Render(template, @case);
        _connecteam.ServeRawBody(ActivitiesPath, body);
        var before = await ShiftRowsAsync();

        var first = await Pipeline.SyncShiftsAsync("test", Dec10, Dec10);

        var expected = Judge(body, @case);
        if (expected is null)
        {
            // Wholly unreadable: the run fails with its error recorded, and nothing changes.
            first.Failure.ShouldNotBeNull($"case {@case}: an unreadable body was accepted: {Short(body, 300)}");
            var run = await QueryAsync(db => db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == first.Run.Id));
            run.Status.ShouldBe(SyncRunStatus.Failed);
            run.Error.ShouldNotBeNullOrWhiteSpace();
            (await ShiftRowsAsync()).ShouldBe(before);
            return (0, 0, 1);
        }
        first.Failure.ShouldBeNull($"case {@case}: the sync failed on {Short(body, 2000)}");
        var stored = await CaseRowsAsync(@case);
        stored.Order().ShouldBe(expected.Stored.Order(), $"case {@case}: {Short(body, 2000)}");
        first.Run.Rejected.ShouldBe(expected.Rejected, $"case {@case}: rejected {string.Join("; ", first.Outcome.Rejected.Select(r => $"{r.Key}: {r.Reason}"))} in {Short(body, 3000)}");
        first.Outcome.Rejected.ShouldAllBe(r => !string.IsNullOrWhiteSpace(r.Reason));
        // The run keeps the first SyncOutcome.MaxRejectedKept rejections (the count covers all): check the ids when all are kept.
        foreach (var id in first.Run.Rejected <= SyncOutcome.MaxRejectedKept ? expected.RejectedIds : [])
        {
            first.Outcome.Rejected.ShouldContain(r => r.Key.Contains(id, StringComparison.Ordinal), $"case {@case}: {id} not reported among {string.Join("; ", first.Outcome.Rejected.Select(r => $"{r.Key}: {r.Reason}"))} in {Short(body, 6000)}");
        }
        var recorded = await QueryAsync(db => db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == first.Run.Id));
        recorded.Rejected.ShouldBe(expected.Rejected);

        var snapshot = await ShiftRowsAsync();
        var second = await Pipeline.SyncShiftsAsync("test", Dec10, Dec10);
        second.Failure.ShouldBeNull();
        (second.Run.Added, second.Run.Updated, second.Run.Removed).ShouldBe((0, 0, 0));
        second.Outcome.ChangedDays.ShouldBeEmpty();
        (await ShiftRowsAsync()).ShouldBe(snapshot);
        return (expected.Stored.Count, expected.Bad, 0);
    }

    [Fact]
    public async Task GeneratedUsers_BadItemsRejectedAndCounted_GoodStored_SecondRunChangesNothing()
    {
        var seed = BadInputSeed.Value;
        output.WriteLine($"seed {seed}: {UserCases} users bodies");
        var watch = Stopwatch.StartNew();
        var totals = new int[3];
        await UsersBody.SampleAsync(async template =>
        {
            var @case = Interlocked.Increment(ref _case);
            var body = RenderUsers(template, @case);
            _connecteam.ServeRawBody(UsersPath, body);
            var before = await EmployeeRowsAsync();

            var first = await Pipeline.SyncEmployeesAsync("test");

            if (JudgeUsers(body) is not { } expected)
            {
                first.Failure.ShouldNotBeNull($"case {@case}: an unreadable body was accepted: {Short(body, 300)}");
                (await QueryAsync(db => db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == first.Run.Id))).Status.ShouldBe(SyncRunStatus.Failed);
                (await EmployeeRowsAsync()).ShouldBe(before);
                totals[2]++;
                return;
            }
            first.Failure.ShouldBeNull($"case {@case}: the sync failed on {Short(body, 2000)}");
            first.Run.Rejected.ShouldBe(expected.Rejected,
                $"case {@case}: rejected {string.Join("; ", first.Outcome.Rejected.Select(r => $"{r.Key}: {r.Reason}"))} in {Short(body, 3000)}");
            first.Outcome.Rejected.ShouldAllBe(r => !string.IsNullOrWhiteSpace(r.Reason));
            var stored = await QueryAsync(db => db.Employees.AsNoTracking()
                .Where(e => e.ConnecteamUserId >= 2_000_000 + @case * 1000L && e.ConnecteamUserId < 2_000_000 + (@case + 1) * 1000L)
                .Select(e => new { e.ConnecteamUserId, e.Name, e.Email }).ToListAsync());
            stored.Select(e => $"{e.ConnecteamUserId}|{e.Name}|{e.Email}").Order()
                .ShouldBe(expected.Stored.Order(), $"case {@case}: {Short(body, 2000)}");

            var snapshot = await EmployeeRowsAsync();
            var second = await Pipeline.SyncEmployeesAsync("test");
            second.Failure.ShouldBeNull();
            (second.Run.Added, second.Run.Updated).ShouldBe((0, 0));
            (await EmployeeRowsAsync()).ShouldBe(snapshot);
            totals[0] += expected.Stored.Count;
            totals[1] += expected.Bad;
        }, writeLine: output.WriteLine, seed: seed, iter: UserCases, threads: 1, print: b => Short(b.ToJsonString(), 4000));

        output.WriteLine($"{totals[0] + totals[1]} users checked ({totals[0]} good, {totals[1]} bad), {totals[2]} unreadable bodies, " +
            $"in {watch.Elapsed.TotalSeconds:0.0} s");
        (totals[0] + totals[1]).ShouldBeGreaterThanOrEqualTo(1000);
        totals[0].ShouldBeGreaterThan(200);
        totals[1].ShouldBeGreaterThan(200);
        totals[2].ShouldBeGreaterThan(0);
    }

    /// <summary>
    /// The users oracle (reference A.4 <c>User</c>: <c>userId</c> an integer; names and e-mail strings; <c>isArchived</c>
    /// a boolean; unknown fields and enum values ignored), with the stored sizes: a name is cut to 200 characters, an
    /// e-mail over 256 is left out and reported. Null when the body cannot be read at all.
    /// </summary>
    private static (List<string> Stored, int Rejected, int Bad)? JudgeUsers(string body)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
        if (root is not JsonObject envelope || envelope["data"] is not JsonObject data || data["users"] is not JsonArray users)
        {
            return null;
        }
        var (stored, rejected, bad) = (new List<string>(), 0, 0);
        foreach (var node in users)
        {
            if (node is not JsonObject user || !IsInteger(user["userId"], out var userId) || !StringOrAbsent(user["firstName"], int.MaxValue)
                || !StringOrAbsent(user["lastName"], int.MaxValue) || !StringOrAbsent(user["email"], int.MaxValue) || !BoolOrAbsent(user["isArchived"]))
            {
                rejected++;
                bad++;
                continue;
            }
            var name = $"{Text(user["firstName"])} {Text(user["lastName"])}".Trim();
            // Cut to 200 UTF-16 units, never between the two halves of one character (an emoji).
            name = name.Length == 0 ? $"Connecteam user {userId}"
                : name.Length <= 200 ? name : name[..(char.IsHighSurrogate(name[199]) ? 199 : 200)];
            var email = Text(user["email"]).Trim().ToLowerInvariant();
            if (email.Length > 256)
            {
                rejected++;
                email = "";
            }
            stored.Add($"{userId}|{name}|{(email.Length == 0 ? null : email)}");
        }
        return (stored, rejected, bad);
    }

    private static string Text(JsonNode? node) => node is JsonValue v ? v.GetValue<string>() : "";

    private static readonly Gen<JsonNode?> Name = Gen.Frequency(
        (8, Gen.OneOf<JsonNode?>(JsonValue.Create("Ana"), JsonValue.Create("Zoë Ñandú"), JsonValue.Create("李"), JsonValue.Create("😀"),
            JsonValue.Create(" Padded "), JsonValue.Create(""))),
        (1, Gen.Int[150, 400].Select(n => (JsonNode?)JsonValue.Create(new string('n', n)))),
        (1, Gen.OneOf<JsonNode?>(null, JsonValue.Create(42), new JsonArray("Ana"), JsonValue.Create(false))));

    private static readonly Gen<JsonNode?> UserEmail = Gen.Frequency(
        (6, Gen.Int[1, 999].Select(n => (JsonNode?)JsonValue.Create($"person{n}@example.test"))),
        (2, Gen.OneOf<JsonNode?>(null, JsonValue.Create(""), JsonValue.Create("not-an-email"), JsonValue.Create(" MIXED@Example.TEST "))),
        (1, Gen.Int[240, 600].Select(n => (JsonNode?)JsonValue.Create(new string('e', n) + "@x.test"))),
        (1, Gen.OneOf<JsonNode?>(JsonValue.Create(12345), new JsonObject { ["address"] = "a@b.test" })));

    private static readonly Gen<JsonNode?> User = Gen.Select(Name, Name, UserEmail, Gen.Int[0, 12], JsonNode? (first, last, email, fault) =>
    {
        var user = new JsonObject
        {
            ["userId"] = 0,
            ["phoneNumber"] = "+15555550101",
            ["userType"] = fault == 1 ? "superhero" : "user",
            ["customFields"] = new JsonArray(),
            ["isArchived"] = fault == 2,
            ["createdAt"] = 1704067200,
            ["someFutureField"] = new JsonObject { ["x"] = 1 },
        };
        if (first is not null || fault == 3)
        {
            user["firstName"] = first?.DeepClone();
        }
        if (last is not null)
        {
            user["lastName"] = last.DeepClone();
        }
        if (email is not null)
        {
            user["email"] = email.DeepClone();
        }
        switch (fault)
        {
            case 4: user.Remove("userId"); break;
            case 5: user["userId"] = "0"; break; // a number written as a string: read leniently
            case 6: user["userId"] = 1.5; break;
            case 7: user["isArchived"] = "no"; break;
            case 8: user["userId"] = null; break;
        }
        return fault == 9 ? JsonValue.Create("not a user") : (JsonNode)user;
    });

    private static readonly Gen<JsonNode> UsersBody = Gen.Select(Gen.Frequency((20, User.List[0, 40]), (1, User.List[200, 499])),
        Gen.Int[0, 19], Gen.Int[1, 99], (users, shape, cutPercent) =>
        {
            JsonNode body = new JsonObject
            {
                ["requestId"] = "r-users",
                ["data"] = new JsonObject { ["users"] = new JsonArray([.. users.Select(u => u?.DeepClone())]) },
                ["paging"] = new JsonObject { ["offset"] = users.Count },
            };
            return shape switch
            {
                0 => new JsonObject { ["truncate"] = cutPercent, ["body"] = body },
                1 => new JsonObject { ["requestId"] = "r", ["data"] = new JsonObject { ["users"] = "none" } },
                _ => body,
            };
        });

    /// <summary>The users body as sent: each user with an integer id 0 gets a case-unique id; or cut short.</summary>
    private static string RenderUsers(JsonNode template, int @case)
    {
        var node = template.DeepClone();
        if (node is JsonObject { } cut && cut["truncate"] is JsonValue percent)
        {
            var text = RenderUsers(cut["body"]!, @case);
            return text[..(int)(text.Length * percent.GetValue<int>() / 100.0)];
        }
        if (node["data"] is JsonObject data && data["users"] is JsonArray users)
        {
            var i = 0;
            foreach (var user in users.OfType<JsonObject>())
            {
                i++;
                if (user["userId"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var id) && id == 0)
                {
                    user["userId"] = 2_000_000 + @case * 1000L + i;
                }
                else if (user["userId"] is JsonValue s && s.GetValueKind() == JsonValueKind.String && s.GetValue<string>() == "0")
                {
                    user["userId"] = (2_000_000 + @case * 1000L + i).ToString(CultureInfo.InvariantCulture);
                }
            }
        }
        return node.ToJsonString();
    }

    private Task<List<string>> EmployeeRowsAsync() => QueryAsync(async db =>
        (await db.Employees.AsNoTracking().OrderBy(e => e.Id).ToListAsync())
        .Select(e => $"{e.Id}|{e.ConnecteamUserId}|{e.Name}|{e.Email}|{e.IsArchived}|{e.UpdatedUtc:O}").ToList());

    private sealed record Expectation(List<string> Stored, int Rejected, int Bad, List<string> RejectedIds);

    /// <summary>
    /// The oracle, from the reference and the spec (see the class summary): what the sync must store and reject for this
    /// body, or null when the body as a whole cannot be read.
    /// </summary>
    private static Expectation? Judge(string body, int @case)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
        if (root is not JsonObject { } envelope || envelope["data"] is not JsonObject data || data["timeActivitiesByUsers"] is not JsonArray entries)
        {
            return null;
        }
        var result = new Expectation([], 0, 0, []);
        var rejected = 0;
        var bad = 0;
        foreach (var entry in entries)
        {
            if (entry is not JsonObject user || !IsInteger(user["userId"], out var userId)
                || !ListOrAbsent(user["shifts"]) || !ListOrAbsent(user["manualBreaks"]))
            {
                // The entry as a whole: one rejection; its items cannot be attributed to anyone.
                rejected++;
                bad++;
                continue;
            }
            var known = userId >= 1_000_000 && userId < 9_000_000;
            foreach (var (list, kind) in new[] { ("shifts", "shift"), ("manualBreaks", "break") })
            {
                if (user[list] is not JsonArray items)
                {
                    // A required list that is missing: the user cannot be read in full, and that is reported.
                    rejected++;
                    bad++;
                    continue;
                }
                foreach (var item in items)
                {
                    var verdict = Item(item, kind == "break");
                    // A readable item of another day is outside the synced range: neither stored nor rejected, whoever's.
                    if (verdict.Problem is null or "end not after start"
                        && DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(verdict.Start).UtcDateTime.AddHours(-6)) != Dec10)
                    {
                        continue;
                    }
                    if (verdict.Problem is not null || !known)
                    {
                        rejected++;
                        bad++;
                        // An item that reads (an unknown user, an end before its start) is reported under its id; one
                        // that does not is reported by its position.
                        if (verdict.Id is { } id && verdict.Problem is null or "end not after start")
                        {
                            result.RejectedIds.Add(id);
                        }
                        continue;
                    }
                    var startDay = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(verdict.Start).UtcDateTime.AddHours(-6));
                    if (startDay != Dec10)
                    {
                        continue; // Outside the synced day: neither stored nor rejected.
                    }
                    result.Stored.Add(Row(kind, verdict.Id!, userId, verdict.Start, verdict.End));
                }
            }
        }
        return result with { Rejected = rejected, Bad = bad };
    }

    private static (string? Problem, string? Id, long Start, long? End) Item(JsonNode? node, bool isBreak)
    {
        if (node is not JsonObject item)
        {
            return ("not an object", null, 0, null);
        }
        var id = item["id"] is JsonValue idValue && idValue.GetValueKind() == JsonValueKind.String ? idValue.GetValue<string>() : null;
        if (id is null || string.IsNullOrWhiteSpace(id))
        {
            return ("no id", null, 0, null);
        }
        if (id.Length > MaxId)
        {
            return ("id too long", id, 0, null);
        }
        if (!TimePoint(item["start"], out var start) || start is null)
        {
            return ("bad start", id, 0, null);
        }
        if (!TimePoint(item["end"], out var end))
        {
            return ("bad end", id, 0, null);
        }
        // A field of the wrong type fails the item's reading as a whole (reported by position), before any rule about
        // its values is looked at: a break with "isPaid":"yes" and its end before its start is an unreadable break.
        if (isBreak && (!StringOrAbsent(item["manualBreakId"], MaxId) || !BoolOrAbsent(item["isPaid"])))
        {
            return ("bad break type", id, 0, null);
        }
        if (end <= start)
        {
            return ("end not after start", id, start.Value, end);
        }
        return (null, id, start.Value, end);
    }

    /// <summary>A time point: absent or null (only an end may be: open), else an object with integer Unix seconds in range.</summary>
    private static bool TimePoint(JsonNode? node, out long? seconds)
    {
        seconds = null;
        if (node is null)
        {
            return true;
        }
        if (node is not JsonObject point || !IsInteger(point["timestamp"], out var value) || value is < 0 or > MaxUnixSeconds
            || !StringOrAbsent(point["timezone"], int.MaxValue))
        {
            return false;
        }
        seconds = value;
        return true;
    }

    /// <summary>
    /// An integer: a JSON number, or a string of one (the client reads leniently, reference A.1: "implement flexible
    /// schema validation"; "9170357" is the same user as 9170357). A fraction, a boolean or other text is not.
    /// </summary>
    private static bool IsInteger(JsonNode? node, out long value)
    {
        value = 0;
        var text = node is JsonValue v ? v.GetValueKind() switch
        {
            JsonValueKind.Number => v.ToJsonString(),
            JsonValueKind.String => v.GetValue<string>(),
            _ => null,
        } : null;
        return text is not null && Regex.IsMatch(text, "^-?[0-9]+$")
            && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private static bool ListOrAbsent(JsonNode? node) => node is null or JsonArray;

    private static bool StringOrAbsent(JsonNode? node, int maxLength) =>
        node is null || (node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length <= maxLength);

    private static bool BoolOrAbsent(JsonNode? node) =>
        node is null || (node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False);

    private static string Row(string kind, string id, long userId, long start, long? end) =>
        $"{kind}|{id}|{userId}|{start}|{end}";

    // The generators. User entries name a slot (0-3: one of the case's users, 4: a user Connecteam does not know);
    // Render gives the slot the case's user id. Items are ordinary shifts and breaks with one fault or none.

    private static readonly Gen<string> HexId = Gen.ULong.Select(n => n.ToString("x16", CultureInfo.InvariantCulture) + "c1e2f3a4");

    private static readonly Gen<JsonNode?> Timestamp = Gen.Frequency(
        (12, Gen.Int[0, 14 * 60].Select(m => (JsonNode?)JsonValue.Create(DayStart + m * 60L))),
        (1, Gen.OneOf<JsonNode?>(JsonValue.Create("1765368000"), JsonValue.Create(1765368000.5), JsonValue.Create(-1L),
            JsonValue.Create(MaxUnixSeconds + 1), JsonValue.Create(long.MaxValue), JsonValue.Create(true), null, new JsonArray(),
            JsonValue.Create(0L), JsonValue.Create(1e20))));

    private static readonly Gen<JsonNode?> Zone = Gen.Frequency(
        (10, Gen.Const<JsonNode?>(JsonValue.Create("America/Chicago"))),
        (1, Gen.OneOf<JsonNode?>(JsonValue.Create("Mars/Olympus_Mons"), null, JsonValue.Create(5))));

    private static readonly Gen<JsonNode?> Source = Gen.OneOf<JsonNode?>(null,
        new JsonObject { ["type"] = "kiosk" }, new JsonObject { ["type"] = "teleport", ["mode"] = "quantum" }, JsonValue.Create("pc"));

    private static readonly Gen<JsonObject> Point = Gen.Select(Timestamp, Zone, Source, (timestamp, zone, source) =>
    {
        var point = new JsonObject();
        if (timestamp is not null || zone is null)
        {
            point["timestamp"] = timestamp?.DeepClone();
        }
        if (zone is not null)
        {
            point["timezone"] = zone.DeepClone();
        }
        if (source is not null)
        {
            point["source"] = source.DeepClone();
        }
        return point;
    });

    /// <summary>0-9 minutes of work or absurd lengths; negative ends before the start.</summary>
    private static readonly Gen<int> Length = Gen.Frequency(
        (10, Gen.Int[5, 600]),
        (1, Gen.OneOf(0, -30, -1)),
        (1, Gen.OneOf(int.MaxValue, 60 * 24 * 3)));

    private static Gen<JsonNode?> ItemOf(bool isBreak) => Gen.Select(HexId, Point, Length, Gen.Frequency((8, Gen.Const(0)), (5, Gen.Int[1, 14])), JsonNode? (id, start, length, fault) =>
    {
        var item = new JsonObject
        {
            ["id"] = id,
            ["start"] = start,
            ["createdAt"] = 1765368000,
            ["isAutoClockOut"] = false,
            ["futureField"] = new JsonObject { ["nested"] = new JsonArray(1, "two", null) },
        };
        if (start["timestamp"] is JsonValue s && s.TryGetValue<long>(out var seconds) && fault != 3)
        {
            var end = length == int.MaxValue ? MaxUnixSeconds : Math.Min(MaxUnixSeconds, seconds + length * 60L);
            item["end"] = new JsonObject { ["timestamp"] = end, ["timezone"] = "America/Chicago" };
        }
        if (isBreak)
        {
            item["manualBreakId"] = "brk-lunch";
            item["isPaid"] = false;
        }
        else
        {
            item["jobId"] = "a429b1a5-0000-4000-8000-000000000001";
        }
        switch (fault)
        {
            case 1: item.Remove("id"); break;
            case 2: item["id"] = 659413; break;
            case 4: item["id"] = new string('f', 65) + id; break;
            case 5: item.Remove("start"); break;
            case 6: item["end"] = new JsonObject { ["timezone"] = "America/Chicago" }; break;
            case 7: item["end"] = null; break; // explicit null: open, like an absent end
            case 8: item["id"] = "   "; break;
            case 9 when isBreak: item["isPaid"] = "yes"; break;
            case 10 when isBreak: item["manualBreakId"] = new string('b', 80); break;
            case 11: item["end"] = "soon"; break;
            case 12: item["start"] = new JsonArray(1, 2); break;
        }
        return fault == 13 ? JsonValue.Create("not an object") : fault == 14 ? null : (JsonNode)item;
    });

    private static Gen<JsonArray> ListOf(Gen<JsonNode?> item) => Gen.Frequency(
        (20, item.List[0, 8]),
        (1, item.List[100, 250])).Select(items => new JsonArray([.. items.Select(i => i?.DeepClone())]));

    private static readonly Gen<JsonArray> Shifts = ListOf(ItemOf(isBreak: false));

    private static readonly Gen<JsonArray> Breaks = ListOf(ItemOf(isBreak: true));

    private static readonly Gen<JsonNode?> Entry = Gen.Select(Gen.Int[0, 4], Shifts, Breaks, Gen.Int[0, 12], JsonNode? (slot, shifts, breaks, fault) =>
    {
        var entry = new JsonObject { ["userId"] = slot, ["shifts"] = shifts, ["manualBreaks"] = breaks, ["timeOffs"] = new JsonArray() };
        switch (fault)
        {
            case 1: entry.Remove("userId"); break;
            case 2: entry["userId"] = "abc"; break;
            case 3: entry["userId"] = 1.5; break;
            case 4: entry.Remove("shifts"); break;
            case 5: entry["manualBreaks"] = null; break;
            case 6: entry["shifts"] = new JsonObject { ["id"] = "x" }; break;
            case 7: entry["timeOffs"] = "unknown shape"; break;
        }
        return fault == 8 ? JsonValue.Create(42) : (JsonNode)entry;
    });

    private static readonly Gen<JsonNode> ActivitiesBody = Gen.Select(Entry.List[0, 6], Gen.Int[0, 19], Gen.Int[1, 99], (entries, shape, cutPercent) =>
    {
        // One entry per slot: a user appears once in an answer (reference A.4).
        var distinct = entries.Where(e => e is not JsonObject o || o["userId"] is not JsonValue v || v.GetValueKind() != JsonValueKind.Number
            || !v.TryGetValue<int>(out _)).Concat(entries.OfType<JsonObject>().Where(o => o["userId"] is JsonValue v
            && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out _)).DistinctBy(o => o["userId"]!.GetValue<int>()));
        var data = new JsonObject { ["timeActivitiesByUsers"] = new JsonArray([.. distinct.Select(e => e?.DeepClone())]) };
        JsonNode body = new JsonObject { ["requestId"] = "r-generated", ["data"] = data, ["apiVersionHint"] = "2099" };
        return shape switch
        {
            0 => new JsonObject { ["truncate"] = cutPercent, ["body"] = body },
            1 => new JsonObject { ["requestId"] = "r", ["data"] = new JsonObject { ["timeActivitiesByUsers"] = new JsonObject() } },
            2 => new JsonObject { ["requestId"] = "r", ["data"] = new JsonArray() },
            _ => body,
        };
    });

    /// <summary>The body as sent: slots replaced by the case's user ids, or cut short (truncated JSON).</summary>
    private static string Render(JsonNode template, int @case)
    {
        var node = template.DeepClone();
        if (node is JsonObject { } cut && cut["truncate"] is JsonValue percent)
        {
            var text = Render(cut["body"]!, @case);
            return text[..(int)(text.Length * percent.GetValue<int>() / 100.0)];
        }
        if (node["data"] is JsonObject data && data["timeActivitiesByUsers"] is JsonArray entries)
        {
            foreach (var entry in entries.OfType<JsonObject>())
            {
                if (entry["userId"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var slot))
                {
                    entry["userId"] = UserId(@case, slot);
                }
                // Ids are unique in an answer (reference A.4); generated ones (shrunk towards small numbers) may repeat.
                foreach (var item in new[] { entry["shifts"], entry["manualBreaks"] }.OfType<JsonArray>().SelectMany(a => a).OfType<JsonObject>())
                {
                    if (item["id"] is JsonValue id && id.GetValueKind() == JsonValueKind.String && id.GetValue<string>().EndsWith("c1e2f3a4", StringComparison.Ordinal))
                    {
                        item["id"] = $"{Interlocked.Increment(ref _itemId):x16}{id.GetValue<string>()[^8..]}";
                    }
                }
            }
        }
        return node.ToJsonString();
    }

    /// <summary>The case's stored shifts and breaks, in the oracle's terms.</summary>
    private Task<List<string>> CaseRowsAsync(int @case) => QueryAsync(async db =>
    {
        var users = Enumerable.Range(0, 5).Select(slot => UserId(@case, slot)).ToList();
        var employees = await db.Employees.AsNoTracking().Where(e => e.ConnecteamUserId != null && users.Contains(e.ConnecteamUserId!.Value))
            .ToDictionaryAsync(e => e.Id, e => e.ConnecteamUserId!.Value);
        var ids = employees.Keys.ToList();
        var shifts = await db.Shifts.AsNoTracking().Where(s => ids.Contains(s.EmployeeId)).ToListAsync();
        var breaks = await db.ManualBreaks.AsNoTracking().Where(b => ids.Contains(b.EmployeeId)).ToListAsync();
        return shifts.Select(s => Row("shift", s.ConnecteamShiftId, employees[s.EmployeeId], Seconds(s.ClockInUtc), Seconds(s.ClockOutUtc)))
            .Concat(breaks.Select(b => Row("break", b.ConnecteamBreakId, employees[b.EmployeeId], Seconds(b.StartUtc), Seconds(b.EndUtc))))
            .ToList();
    });

    private static long Seconds(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeSeconds();

    private static long? Seconds(DateTime? utc) => utc is { } value ? Seconds(value) : null;

    private Task<List<string>> ShiftRowsAsync() => QueryAsync(async db =>
        (await db.Shifts.AsNoTracking().OrderBy(s => s.Id).ToListAsync())
        .Select(s => $"{s.Id}|{s.ConnecteamShiftId}|{s.EmployeeId}|{s.ClockInUtc:O}|{s.ClockOutUtc:O}|{s.UpdatedUtc:O}")
        .Concat((await db.ManualBreaks.AsNoTracking().OrderBy(b => b.Id).ToListAsync())
            .Select(b => $"break {b.Id}|{b.ConnecteamBreakId}|{b.EmployeeId}|{b.StartUtc:O}|{b.EndUtc:O}|{b.UpdatedUtc:O}"))
        .ToList());

    private async Task<T> QueryAsync<T>(Func<ProductivityDbContext, Task<T>> query)
    {
        await using var scope = _host.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<ProductivityDbContext>());
    }

    private static string Short(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}
