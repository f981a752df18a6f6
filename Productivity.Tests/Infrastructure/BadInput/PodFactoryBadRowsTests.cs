using System.Diagnostics;
using System.Globalization;
using System.Text;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MySqlConnector;
using Productivity.Core.Activities;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Sync;
using Productivity.Tests.TestSupport;
using Xunit.Abstractions;

namespace Productivity.Tests.Infrastructure.BadInput;

/// <summary>
/// PodFactory rows at volume, good and bad mixed: generated <c>report_actions</c> rows (nulls, negative and huge counts,
/// reversed and absurd windows, unknown actions, odd Unicode, very long e-mails) inserted into a real table on MariaDB
/// and read by the real incremental sync (<see cref="SyncPipeline.SyncPodFactoryAsync"/>) into a MariaDB product
/// database, mapped rows rescored. Each of <see cref="Batches"/> batches of <see cref="RowsPerBatch"/> rows is checked
/// row by row against an oracle written here from scoring.md ("Inputs": <c>window_end &gt; window_start</c>,
/// <c>items_count ≥ 0</c>), the reference (B: the <c>report_actions</c> columns) and the stored columns' sizes
/// (e-mail 256, action 100 characters) and the documented bounds (100,000 items in one window, a window ending at most a
/// day after now): a bad row is rejected with a reason and counted, a good row is
/// stored as sent (trimmed, e-mail lower-cased), nothing is stored twice, and a second run changes nothing.
/// </summary>
public sealed class PodFactoryBadRowsTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Batches = 20;
    private const int RowsPerBatch = 60;
    private const int MaxEmail = 256;
    private const int MaxAction = 100;

    /// <summary>The most items one window may report (README "Ingestion"): far past any station's rate.</summary>
    private const int MaxItems = 100_000;

    // PodFactory's real column sizes are unknown (reference B): this table is wider than ours on purpose, so that every
    // value the generators make reaches the sync, which must refuse what it cannot store.
    private const string CreateTable = """
        CREATE TABLE report_actions (
            id BIGINT NOT NULL PRIMARY KEY,
            user_email TEXT NULL,
            user_name TEXT NULL,
            user_role TEXT NULL,
            action TEXT NULL,
            items_count BIGINT NULL,
            window_start DATETIME NULL,
            window_end DATETIME NULL,
            created_at DATETIME NULL,
            INDEX ix_report_actions_created_at_id (created_at, id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
        """;

    private static readonly DateTime Day = new(2025, 12, 10, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Now = new(2025, 12, 12, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime SqlMin = new(1000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime SqlMax = new(9999, 12, 31, 23, 59, 59, DateTimeKind.Utc);
    private static readonly string[] Known = ["ana@example.test", "ben@example.test", "cara@example.test"];
    private static readonly string[] Actions = ["In Production", "QC Passed", "Picking", "Labeling", "Film Matching"];

    private MySqlTestDatabase _podFactory = null!;
    private TestHost _host = null!;
    private Dictionary<string, int> _employees = null!;
    private int _batch;
    private HashSet<string> _previousBad = [];

    public async Task InitializeAsync()
    {
        _podFactory = await MySqlTestDatabase.CreateAsync();
        await _podFactory.ExecuteAsync(CreateTable);
        var time = new FakeTimeProvider(new DateTimeOffset(Now));
        _host = await TestHost.StartAsync("MySql", new Dictionary<string, string?>
        {
            ["ConnectionStrings:PodFactory"] = _podFactory.ConnectionString,
        }, services => services.AddSingleton<TimeProvider>(time));
        _employees = [];
        foreach (var email in Known)
        {
            // name@example.test: an e-mail equal to one employee's is verified automatically (README "Ingestion").
            _employees[email] = await _host.AddEmployeeAsync(email.Split('@')[0]);
        }
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _podFactory.DisposeAsync();
    }

    [Fact]
    public async Task GeneratedRows_BadRejectedWithReason_GoodStored_SecondRunChangesNothing()
    {
        var seed = BadInputSeed.Value;
        output.WriteLine($"seed {seed}: {Batches} batches of {RowsPerBatch} rows");
        var watch = Stopwatch.StartNew();
        var totals = new int[2];

        string? firstFailure = null;
        try
        {
            await RowGen.Array[RowsPerBatch].SampleAsync(async rows =>
            {
                try
                {
                    var (good, bad) = await CheckBatchAsync(rows);
                    totals[0] += good;
                    totals[1] += bad;
                }
                catch (Exception ex)
                {
                    // Shrinking runs more batches on the state the failure left; the first failure is the one to read.
                    firstFailure ??= ex.ToString();
                    throw;
                }
            }, writeLine: output.WriteLine, seed: seed, iter: Batches, threads: 1, print: Print);
        }
        catch (Exception) when (firstFailure is not null)
        {
            output.WriteLine($"first failure: {firstFailure}");
            throw;
        }

        output.WriteLine($"{totals[0] + totals[1]} rows checked ({totals[0]} good, {totals[1]} bad) in {watch.Elapsed.TotalSeconds:0.0} s");
        (totals[0] + totals[1]).ShouldBeGreaterThanOrEqualTo(1000);
        // The generators must make both kinds in earnest, or the property proves little.
        totals[0].ShouldBeGreaterThan(200);
        totals[1].ShouldBeGreaterThan(200);
    }

    private async Task<(int Good, int Bad)> CheckBatchAsync(Row[] rows)
    {
        // Each batch has ids and created_at of its own, an hour after the previous (past the sync's 30-minute overlap).
        var batch = Interlocked.Increment(ref _batch);
        var created = Day.AddDays(1).AddHours(batch);
        var items = rows.Select((row, i) => (Id: batch * 1000L + i, Row: row, Created: created.AddSeconds(i))).ToList();
        await InsertAsync(items);
        var pipeline = _host.Services.GetRequiredService<SyncPipeline>();

        var first = await pipeline.SyncPodFactoryAsync("test");

        first.Failure.ShouldBeNull($"batch {batch}: the sync failed");
        var stored = await StoredAsync(items.Select(i => i.Id).ToList());
        var rejected = first.Outcome.Rejected.ToDictionary(r => r.Key, r => r.Reason);
        var (good, bad) = (0, 0);
        foreach (var (id, row, _) in items)
        {
            var key = $"report_actions {id}";
            if (Problem(row) is { } problem)
            {
                bad++;
                stored.ShouldNotContainKey(id, $"row {id} ({problem}) was stored: {Print(row)}");
                rejected.ShouldContainKey(key, $"row {id} ({problem}) was not reported: {Print(row)}");
                rejected[key].ShouldNotBeNullOrWhiteSpace();
                continue;
            }
            good++;
            rejected.ShouldNotContainKey(key, $"good row {id} was rejected ({(rejected.TryGetValue(key, out var r) ? r : "")}): {Print(row)}");
            stored.ShouldContainKey(id, $"good row {id} was not stored: {Print(row)}");
            var activity = stored[id];
            var email = row.Email!.Trim().ToLowerInvariant();
            activity.Email.ShouldBe(email);
            activity.Action.ShouldBe(row.Action!.Trim());
            activity.ItemsCount.ShouldBe((int)row.Items!.Value);
            activity.WindowStartUtc.ShouldBe(row.Start!.Value);
            activity.WindowEndUtc.ShouldBe(row.End!.Value);
            activity.EmployeeId.ShouldBe(_employees.TryGetValue(email, out var employee) ? employee : null, $"row {id}: {Print(row)}");
        }
        first.Run.Added.ShouldBe(good);
        // Every rejection is counted and listed (fewer than SyncOutcome keeps); this batch's are exactly its bad rows.
        // The sync's 30-minute overlap also re-reads the previous batch (just before the cursor): its bad rows are
        // rejected again, and nothing else is.
        var batchKeys = items.Select(i => $"report_actions {i.Id}").ToHashSet();
        first.Run.Rejected.ShouldBe(first.Outcome.Rejected.Count);
        first.Outcome.Rejected.Count(r => batchKeys.Contains(r.Key)).ShouldBe(bad);
        first.Outcome.Rejected.Where(r => !batchKeys.Contains(r.Key)).Select(r => r.Key).ShouldAllBe(key => _previousBad.Contains(key));
        _previousBad = [.. items.Where(i => Problem(i.Row) is not null).Select(i => $"report_actions {i.Id}")];
        var recorded = await QueryAsync(db => db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == first.Run.Id));
        recorded.Rejected.ShouldBe(first.Run.Rejected);
        recorded.Added.ShouldBe(good);

        // The same input again: the 30-minute overlap re-reads the whole batch, and nothing may change.
        var before = Snapshot(stored);
        var second = await pipeline.SyncPodFactoryAsync("test");
        second.Failure.ShouldBeNull($"batch {batch}: the second run failed");
        second.Run.Added.ShouldBe(0);
        second.Run.Updated.ShouldBe(0);
        second.Outcome.ChangedDays.ShouldBeEmpty();
        Snapshot(await StoredAsync(items.Select(i => i.Id).ToList())).ShouldBe(before);
        return (good, bad);
    }

    /// <summary>The oracle: why a row cannot be stored, from the spec and the stored columns, or null for a good row.</summary>
    private static string? Problem(Row row)
    {
        var email = row.Email?.Trim();
        var action = row.Action?.Trim();
        return email switch
        {
            null or "" => "no e-mail",
            _ when !email.Contains('@', StringComparison.Ordinal) => "not an e-mail",
            { Length: > MaxEmail } => "e-mail too long",
            _ => action switch
            {
                null or "" => "no action",
                { Length: > MaxAction } => "action too long",
                _ => row.Items switch
                {
                    null => "no items_count",
                    < 0 => "negative items_count",
                    > MaxItems => "items_count over the most one window may hold",
                    _ => row.Start is not { } start || row.End is not { } end ? "no window"
                        : end <= start ? "window_end not after window_start"
                        : end > Now.AddDays(1) ? "window in the future (not yet produced)"
                        : null,
                },
            },
        };
    }

    // The generators: each field mixes ordinary values with the kinds of bad ones the issue names.
    private static readonly Gen<string?> Email = Gen.Frequency(
        (6, Gen.OneOf<string?>(Known)),
        (2, Gen.OneOf<string?>(" ANA@Example.TEST ", "Ben@Example.test", "\tcara@example.test ")),
        (4, Gen.Int[1, 400].Select(n => (string?)$"worker{n}@podfactory.test")),
        (2, Gen.OneOf<string?>(null, "", "   ", "no-at-sign", "worker.podfactory.test")),
        (3, Gen.OneOf<string?>("josé@fábrica.test", "jose@fabrica.test", "JOSÉ@FÁBRICA.TEST", "straße@x.test", "strasse@x.test",
            "用户@例子.测试", "emoji😀@x.test", "zero\u200Bwidth@x.test", "\u202Eevil@x.test", "ı@x.test", "i@x.test", "a\u0301@x.test",
            "á@x.test", "o'brien@x.test", "\"quoted,comma\"@x.test")),
        (2, Gen.Int[MaxEmail - 20, MaxEmail - 7].Select(n => (string?)(new string('a', n) + "@x.test"))),
        (2, Gen.Int[MaxEmail - 6, 3000].Select(n => (string?)(new string('a', n) + "@x.test"))),
        (1, Gen.Int[MaxEmail - 10, MaxEmail - 7].Select(n => (string?)("  " + new string('b', n) + "@x.test  "))));

    private static readonly Gen<string?> Text = Gen.OneOf<string?>(null, "", "Ana Lopez", "Zoë Ñandú 😀", "Robert'); DROP TABLE report_actions;--",
        new string('n', 300), "Picker", new string('r', 150));

    private static readonly Gen<string?> Action = Gen.Frequency(
        (8, Gen.OneOf<string?>(Actions)),
        (3, Gen.OneOf<string?>(" Picking ", "picking", "Mystery Action", "QC Passed ✓", "検品", "In\u00A0Production")),
        (2, Gen.OneOf<string?>(null, "", "   ")),
        (2, Gen.Int[MaxAction - 5, 400].Select(n => (string?)new string('x', n))),
        (1, Gen.Const<string?>("  " + new string('y', MaxAction) + "  ")));

    private static readonly Gen<long?> Items = Gen.Frequency(
        (8, Gen.Int[0, 500].Select(n => (long?)n)),
        (2, Gen.OneOf<long?>(null, -1, -500, int.MinValue)),
        (2, Gen.OneOf<long?>(0, MaxItems, MaxItems + 1, 1_000_000, int.MaxValue)),
        (1, Gen.OneOf<long?>(int.MaxValue + 1L, 5_000_000_000L, long.MaxValue)));

    private static readonly Gen<DateTime?> Start = Gen.Frequency(
        (8, Gen.Int[0, 24 * 60 - 10].Select(m => (DateTime?)Day.AddHours(-6).AddMinutes(m))),
        (1, Gen.OneOf<DateTime?>(SqlMin, SqlMax.AddMinutes(-10), new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc), null)));

    private static readonly Gen<(DateTime? Start, DateTime? End)> Window = Gen.Select(Start, Gen.Int[0, 9], WindowOf);

    private static (DateTime? Start, DateTime? End) WindowOf(DateTime? start, int kind) => start is not { } s
        ? (null, kind < 5 ? Day : null)
        : kind switch
        {
            < 5 => (s, s.AddMinutes(10)),
            5 => (s, s),
            6 => (s, s.AddMinutes(-10)),
            7 => (s, s.AddSeconds(1)),
            8 => (s, SqlMax),
            _ => (s, null),
        };

    private static readonly Gen<Row> RowGen = Gen.Select(Email, Text, Text, Action, Items, Window, (email, name, role, action, items, window) =>
        new Row(email, name, role, action, items, window.Start, window.End));

    private async Task InsertAsync(List<(long Id, Row Row, DateTime Created)> items)
    {
        await using var connection = new MySqlConnection(_podFactory.ConnectionString);
        await connection.OpenAsync();
        var sql = new StringBuilder("INSERT INTO report_actions (id, user_email, user_name, user_role, action, items_count, window_start, window_end, created_at) VALUES ");
        await using var command = new MySqlCommand { Connection = connection };
        for (var i = 0; i < items.Count; i++)
        {
            var (id, row, created) = items[i];
            sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@i{i}, @e{i}, @n{i}, @r{i}, @a{i}, @c{i}, @s{i}, @w{i}, @t{i})");
            command.Parameters.AddWithValue($"@i{i}", id);
            command.Parameters.AddWithValue($"@e{i}", row.Email);
            command.Parameters.AddWithValue($"@n{i}", row.Name);
            command.Parameters.AddWithValue($"@r{i}", row.Role);
            command.Parameters.AddWithValue($"@a{i}", row.Action);
            command.Parameters.AddWithValue($"@c{i}", row.Items);
            command.Parameters.AddWithValue($"@s{i}", row.Start);
            command.Parameters.AddWithValue($"@w{i}", row.End);
            command.Parameters.AddWithValue($"@t{i}", created);
        }
        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync();
    }

    private Task<Dictionary<long, ActivityRecord>> StoredAsync(List<long> ids) =>
        QueryAsync(async db =>
        {
            var rows = await db.Activities.AsNoTracking().Where(a => ids.Contains(a.PodFactoryId)).ToListAsync();
            // Nothing stored twice: one activity per PodFactory row.
            rows.Select(a => a.PodFactoryId).ShouldBeUnique();
            return rows.ToDictionary(a => a.PodFactoryId);
        });

    private static List<string> Snapshot(Dictionary<long, ActivityRecord> rows) =>
        [.. rows.Values.OrderBy(a => a.PodFactoryId).Select(a =>
            $"{a.Id}|{a.PodFactoryId}|{a.EmployeeId}|{a.Email}|{a.Action}|{a.ItemsCount}|{a.WindowStartUtc:O}|{a.WindowEndUtc:O}|{a.UpdatedUtc:O}")];

    private async Task<T> QueryAsync<T>(Func<ProductivityDbContext, Task<T>> query)
    {
        await using var scope = _host.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<ProductivityDbContext>());
    }

    private static string Print(Row[] rows) => string.Join(Environment.NewLine, rows.Select(Print));

    private static string Print(Row row) =>
        $"email={Short(row.Email)} name={Short(row.Name)} role={Short(row.Role)} action={Short(row.Action)} items={row.Items} " +
        $"window={row.Start:O}..{row.End:O}";

    private static string Short(string? text) => text is null ? "null" : text.Length <= 40 ? $"'{text}'" : $"'{text[..20]}…' ({text.Length} chars)";

    public sealed record Row(string? Email, string? Name, string? Role, string? Action, long? Items, DateTime? Start, DateTime? End);
}
