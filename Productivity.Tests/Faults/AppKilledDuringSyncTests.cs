using System.Diagnostics;
using Productivity.Tests.TestSupport;
using Xunit.Abstractions;

namespace Productivity.Tests.Faults;

/// <summary>
/// Fault (c): the site is SIGKILLed while its scheduled PodFactory poll ingests 100,000 rows (some batches stored, none
/// rescored, the cursor not yet moved), then started again on the same database.
/// </summary>
[Trait("Category", "Faults")]
[Trait("Category", "MySql")]
public sealed class AppKilledDuringSyncTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempFolder _data = new();
    private MySqlTestDatabase? _database;
    private AppProcess? _app;

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task KilledMidSync_TheNextStartStoresAndScoresWhatAFaultFreeRunDoes()
    {
        var input = await FaultInput.SharedAsync();
        var scenario = Stopwatch.StartNew();
        _database = await MySqlTestDatabase.CreateAsync();
        var database = _database.ConnectionString;
        var configuration = input.Configuration(database, TestEnvironment.MySqlServerVersion, _data.Path, jobs: true);
        await input.SyncPeopleAsync(configuration);
        _app = await AppProcess.StartAsync(configuration);

        long stored = 0;
        await FaultSteps.WaitUntilAsync("the poll to store 20,000 rows",
            async () => (stored = await FaultSteps.CountAsync(database, "SELECT COUNT(*) FROM activities")) >= 20_000, pollMs: 20);
        _app.Kill();
        output.WriteLine($"App killed with {stored} rows stored");
        stored.ShouldBeLessThan(FaultInput.Rows, "the kill came after the ingest had finished");
        _app.Dispose();

        var restartedUtc = DateTime.UtcNow;
        var faultEnded = Stopwatch.StartNew();
        _app = await AppProcess.StartAsync(configuration);
        var started = faultEnded.Elapsed;
        await FaultSteps.WaitUntilAsync("a successful PodFactory run after the restart", () => FaultSteps.SucceededRunSinceAsync(database, restartedUtc));
        var synced = faultEnded.Elapsed;
        var current = await FaultSteps.WaitUntilCurrentAsync(input, database, configuration, _data.Path, faultEnded);

        var pollsSince = DateTime.UtcNow;
        await FaultSteps.WaitUntilAsync("a later scheduled poll", () => FaultSteps.PolledSinceAsync(database, pollsSince));
        // A poll writes its record when it ends: the killed one left none, and no run is left looking as if it ran. The
        // schedules keep firing, so a run started just now may be under way: every run started until now must end.
        var cutoff = FaultProbe.Sql(DateTime.UtcNow);
        await FaultSteps.WaitUntilAsync("every run started so far to end", async () =>
            await FaultSteps.CountAsync(database, $"SELECT COUNT(*) FROM sync_runs WHERE Status = 'Running' AND StartedUtc <= '{cutoff}'") == 0,
            TimeSpan.FromSeconds(30));
        FaultSteps.Report(output, "app killed during a 100,000-row sync",
            ("live again", started), ("first successful sync", synced), ("scores current", current), ("scenario", scenario.Elapsed));
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            output.WriteLine(FaultSteps.Tail(_app.Output));
            _app.Dispose();
        }
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        _data.Dispose();
    }
}
