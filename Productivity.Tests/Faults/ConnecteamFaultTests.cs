using System.Diagnostics;
using System.Globalization;
using Productivity.Core.Time;
using Productivity.Infrastructure.Sync;
using Productivity.Tests.TestSupport;
using Xunit.Abstractions;

namespace Productivity.Tests.Faults;

/// <summary>
/// Connecteam answering 429 for <see cref="RateLimited"/> (every request, the minute budget announced spent until the
/// end of the stretch), then 500 for every fifth request, then slowly: answers later than the client's 2-s timeout, then
/// inside it. The app's own shift schedule (every 6 s here) runs through all of it while people clock in, out and go
/// on a break. Every run is recorded (failed ones with their error), the schedule keeps firing, a run after the faults
/// succeeds, and the stored shifts and breaks equal a fault-free run of the same data (the same sync in this process, on a
/// fresh database).
/// </summary>
[Trait("Category", "Faults")]
[Trait("Category", "MySql")]
public sealed class ConnecteamFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan RateLimited = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan ServerErrors = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan BeyondTimeout = TimeSpan.FromSeconds(25);
    private static readonly TimeSpan InsideTimeout = TimeSpan.FromSeconds(10);
    private const string ShiftMinutes = "0.1";
    private const int TimeoutSeconds = 2;
    private const long ClockId = 4242;
    private static readonly SiteClock Site = new(TimeZoneInfo.FindSystemTimeZoneById("America/Chicago"));

    private FakeConnecteamServer _connecteam = null!;
    private MySqlTestDatabase _live = null!;
    private MySqlTestDatabase _reference = null!;
    private AppProcess? _app;
    private DateTime _start;

    public async Task InitializeAsync()
    {
        _connecteam = await FakeConnecteamServer.StartAsync();
        _live = await MySqlTestDatabase.CreateAsync();
        _reference = await MySqlTestDatabase.CreateAsync();
        var now = DateTime.UtcNow;
        var midnight = Site.UtcRangeOf(Site.BusinessDayOf(now)).StartUtc;
        _start = now.AddHours(-3) > midnight ? now.AddHours(-3) : midnight.AddMinutes(1);
        _connecteam.AddClock(ClockId, "Warehouse");
        _connecteam.AddUser(1, "Ana", "Lopez", "ana.lopez@example.test");
        _connecteam.AddUser(2, "Ben", "Ng", "ben.ng@example.test");
        _connecteam.AddUser(3, "Cara", "Diaz", "cara.diaz@example.test");
        foreach (var user in new long[] { 1, 2, 3 })
        {
            _connecteam.AssignUser(ClockId, user);
        }
        _connecteam.AddShift(ClockId, 1, "65a0000000000000000000a1", _start);
        _connecteam.AddShift(ClockId, 3, "65a0000000000000000000c1", _start.AddMinutes(5));
    }

    [Fact]
    public async Task RateLimitedThenFailingThenSlow_EveryRunRecorded_ThenShiftsEqualTheFaultFreeRun()
    {
        var scenario = Stopwatch.StartNew();
        var settings = Settings(_live.ConnectionString);
        await FaultApp.ApplyMigrationsAsync(settings);
        await FaultApp.RunInProcessAsync(_live, Sources(), pipeline => pipeline.SyncEmployeesAsync(SyncTriggers.CommandLine));
        _app = await AppProcess.StartAsync(settings);
        try
        {
            await FaultProbe.WaitUntilAsync(async () => await StoredShiftsAsync(_live) == 2, TimeSpan.FromSeconds(60), "the first shifts stored");

            // The faults, back to back, each while the data changes.
            var faultsStart = DateTimeOffset.UtcNow;
            var serverErrorsFrom = _connecteam.RateLimitFor(RateLimited, faultsStart);
            var beyondFrom = _connecteam.FailShareFor(ServerErrors, 0.2, from: serverErrorsFrom);
            var insideFrom = _connecteam.DelayFor(BeyondTimeout, TimeSpan.FromSeconds(TimeoutSeconds + 1), beyondFrom);
            var faultsEnd = _connecteam.DelayFor(InsideTimeout, TimeSpan.FromMilliseconds(TimeoutSeconds * 1000 / 2), insideFrom);
            _connecteam.AddShift(ClockId, 2, "65a0000000000000000000b1", DateTime.UtcNow.AddMinutes(-1));
            await UntilAsync(serverErrorsFrom);
            _connecteam.EditShift("65a0000000000000000000a1", _start, DateTime.UtcNow.AddMinutes(-1));
            await UntilAsync(beyondFrom);
            _connecteam.AddBreak(ClockId, 3, "65a0000000000000000000c9", DateTime.UtcNow.AddMinutes(-2), DateTime.UtcNow.AddMinutes(-1));
            // Recovery is timed from the end of the last stretch that fails runs: the slow answers inside the timeout
            // that follow are a fault the client absorbs.
            await UntilAsync(insideFrom);
            var ended = insideFrom.UtcDateTime;
            var back = Stopwatch.StartNew();

            // What the app stores from here on, every quarter second, to find when it first equals the reference
            // (which can only be read once the faults are over, and takes a while to run).
            var snapshots = new List<(TimeSpan At, List<string> Rows)>();
            using var stopSnapshots = new CancellationTokenSource();
            var snapshotting = Task.Run(async () =>
            {
                while (!stopSnapshots.IsCancellationRequested)
                {
                    var at = back.Elapsed;
                    List<string> rows = [.. await ShiftRowsAsync(_live), "--", .. await BreakRowsAsync(_live)];
                    lock (snapshots)
                    {
                        snapshots.Add((at, rows));
                    }
                    await Task.Delay(250);
                }
            });

            await UntilAsync(faultsEnd);
            var firstSync = await FaultProbe.WaitUntilAsync(async () => await FaultProbe.ScalarAsync(_live.ConnectionString,
                $"SELECT COUNT(*) FROM sync_runs WHERE Job = '{SyncJobs.Shifts}' AND Status = 'Succeeded' AND FinishedUtc >= '{FaultProbe.Sql(ended)}'") > 0,
                TimeSpan.FromSeconds(40), "a successful shift sync after the failing stretch");
            firstSync = await FirstSuccessAfterAsync(ended);

            // The fault-free reference: the same data, read by the same sync in this process into a fresh database.
            await FaultApp.ApplyMigrationsAsync(Settings(_reference.ConnectionString));
            await FaultApp.RunInProcessAsync(_reference, Sources(), pipeline => pipeline.SyncEmployeesAsync(SyncTriggers.CommandLine));
            var today = Site.BusinessDayOf(DateTime.UtcNow);
            await FaultApp.RunInProcessAsync(_reference, Sources(), pipeline => pipeline.SyncShiftsAsync(SyncTriggers.CommandLine, today.AddDays(-1), today));
            var expectedShifts = await ShiftRowsAsync(_reference);
            var expectedBreaks = await BreakRowsAsync(_reference);
            expectedShifts.Count.ShouldBe(4, "the reference run: Ana's shift, Ben's, and Cara's split around her break");
            expectedBreaks.Count.ShouldBe(1);
            List<string> expected = [.. expectedShifts, "--", .. expectedBreaks];
            await FaultProbe.WaitUntilAsync(() => Task.FromResult(FirstEqual(snapshots, expected) is not null),
                TimeSpan.FromSeconds(30), "the stored shifts equal to the fault-free run");
            await stopSnapshots.CancelAsync();
            await snapshotting;
            var current = FirstEqual(snapshots, expected)!.Value;
            (await ShiftRowsAsync(_live)).ShouldBe(expectedShifts);
            (await BreakRowsAsync(_live)).ShouldBe(expectedBreaks);

            // The schedule keeps firing, so the newest run may be under way: every run started until now must end.
            var cutoff = FaultProbe.Sql(DateTime.UtcNow);
            await FaultProbe.WaitUntilAsync(async () => await FaultProbe.ScalarAsync(_live.ConnectionString,
                $"SELECT COUNT(*) FROM sync_runs WHERE Job = '{SyncJobs.Shifts}' AND Status = 'Running' AND StartedUtc <= '{cutoff}'") == 0,
                TimeSpan.FromSeconds(30), "the shift runs started so far to end");
            var runs = await FaultProbe.RowsAsync(_live.ConnectionString,
                $"SELECT StartedUtc, Status, COALESCE(Error, '') FROM sync_runs WHERE Job = '{SyncJobs.Shifts}' AND StartedUtc <= '{cutoff}' ORDER BY StartedUtc");
            output.WriteLine(string.Join('\n', runs));
            output.WriteLine($"Requests: {string.Join(", ", _connecteam.Requests.GroupBy(r => r.StatusCode).Select(g => $"{g.Key}×{g.Count()}"))}");
            output.WriteLine($"Failing stretch ends → first successful sync finished {firstSync.TotalSeconds:0.0} s, → stored shifts equal the fault-free run {current.TotalSeconds:0.0} s (answers still 1 s late until {faultsEnd:HH:mm:ss})");

            // Every run recorded and finished; every failure with its error; the runs that failed are the slow stretch's.
            runs.ShouldAllBe(run => run.Contains("\tSucceeded\t") || run.Contains("\tFailed\t"));
            var failed = runs.Where(run => run.Contains("\tFailed\t")).ToList();
            failed.ShouldNotBeEmpty("no run met the answers beyond the timeout");
            failed.ShouldAllBe(run => run.Contains($"no complete answer within {TimeoutSeconds} s"));
            _connecteam.Requests.Count(r => r.StatusCode == 429).ShouldBeGreaterThan(0);
            _connecteam.Requests.Count(r => r.StatusCode == 500).ShouldBeGreaterThan(0);
            // The schedule kept firing through the faults: a run started in each stretch after the first (the 429s hold one run).
            foreach (var (from, until) in new[] { (serverErrorsFrom, beyondFrom), (beyondFrom, insideFrom), (insideFrom, faultsEnd) })
            {
                (await FaultProbe.ScalarAsync(_live.ConnectionString,
                    $"SELECT COUNT(*) FROM sync_runs WHERE Job = '{SyncJobs.Shifts}' AND StartedUtc >= '{FaultProbe.Sql(from.UtcDateTime)}' AND StartedUtc < '{FaultProbe.Sql(until.UtcDateTime)}'"))
                    .ShouldBeGreaterThan(0, $"no run started between {from:HH:mm:ss} and {until:HH:mm:ss}");
            }
            output.WriteLine($"Scenario wall time {scenario.Elapsed.TotalSeconds:0.0} s");
        }
        catch
        {
            output.WriteLine(_app.Output);
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        _app?.Dispose();
        await _connecteam.DisposeAsync();
        await _live.DisposeAsync();
        await _reference.DisposeAsync();
    }

    private Dictionary<string, string> Settings(string database) => FaultApp.Settings(database, podFactory: null, jobs: true, more: new Dictionary<string, string>
    {
        ["Connecteam__ApiKey"] = _connecteam.ApiKey,
        ["Connecteam__BaseUrl"] = _connecteam.BaseUrl,
        ["Connecteam__TimeoutSeconds"] = TimeoutSeconds.ToString(CultureInfo.InvariantCulture),
        ["Jobs__ShiftSyncMinutes"] = ShiftMinutes,
    });

    /// <summary>From <paramref name="since"/> to the end of the first shift sync that succeeded after it (a run that began in
    /// the failing stretch may succeed on a retry after it).</summary>
    private async Task<TimeSpan> FirstSuccessAfterAsync(DateTime since)
    {
        var finished = await FaultProbe.RowsAsync(_live.ConnectionString,
            $"SELECT FinishedUtc FROM sync_runs WHERE Job = '{SyncJobs.Shifts}' AND Status = 'Succeeded' AND FinishedUtc >= '{FaultProbe.Sql(since)}' ORDER BY FinishedUtc LIMIT 1");
        return DateTime.Parse(finished.Single(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal) - since;
    }

    private static TimeSpan? FirstEqual(List<(TimeSpan At, List<string> Rows)> snapshots, List<string> expected)
    {
        lock (snapshots)
        {
            return snapshots.Find(s => s.Rows.SequenceEqual(expected)) is { Rows: not null } found ? found.At : null;
        }
    }

    private Dictionary<string, string?> Sources() => new()
    {
        ["Connecteam:ApiKey"] = _connecteam.ApiKey,
        ["Connecteam:BaseUrl"] = _connecteam.BaseUrl,
    };

    private static async Task UntilAsync(DateTimeOffset moment)
    {
        var wait = moment - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }

    private static Task<long> StoredShiftsAsync(MySqlTestDatabase database) =>
        FaultProbe.ScalarAsync(database.ConnectionString, "SELECT COUNT(*) FROM shifts");

    private static Task<List<string>> ShiftRowsAsync(MySqlTestDatabase database) => FaultProbe.RowsAsync(database.ConnectionString,
        "SELECT s.ConnecteamShiftId, e.ConnecteamUserId, s.ClockId, s.ClockInUtc, s.ClockOutUtc, s.BusinessDay FROM shifts s JOIN employees e ON e.Id = s.EmployeeId ORDER BY s.ConnecteamShiftId");

    private static Task<List<string>> BreakRowsAsync(MySqlTestDatabase database) => FaultProbe.RowsAsync(database.ConnectionString,
        "SELECT b.ConnecteamBreakId, e.ConnecteamUserId, b.ClockId, b.BreakTypeId, b.IsPaid, b.StartUtc, b.EndUtc, b.BusinessDay FROM manual_breaks b JOIN employees e ON e.Id = b.EmployeeId ORDER BY b.ConnecteamBreakId");
}
