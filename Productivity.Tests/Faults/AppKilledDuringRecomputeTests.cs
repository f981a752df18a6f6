using System.Diagnostics;
using Productivity.Tests.TestSupport;
using Xunit.Abstractions;

namespace Productivity.Tests.Faults;

/// <summary>
/// Fault (d): a range recompute (the command line) is SIGKILLed inside its transaction, having deleted some days'
/// scores and not yet written them back; then the site starts and the recompute runs again.
/// </summary>
[Trait("Category", "Faults")]
[Trait("Category", "MySql")]
public sealed class AppKilledDuringRecomputeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempFolder _data = new();
    private MySqlTestDatabase? _database;
    private AppProcess? _app;
    private AppProcess? _recompute;

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task KilledMidRecompute_NoDayIsLeftHalfWrittenAndTheRerunEqualsTheFaultFreeRun()
    {
        var input = await FaultInput.SharedAsync();
        var scenario = Stopwatch.StartNew();
        _database = await MySqlTestDatabase.CreateAsync();
        var database = _database.ConnectionString;
        var configuration = input.Configuration(database, TestEnvironment.MySqlServerVersion, _data.Path, jobs: true);
        await input.CopyReferenceToAsync(database);

        await using (await RecomputeLock.TakeAsync(database))
        {
            _recompute = AppProcess.StartCommand(["recompute", "--from", FaultInput.FromText, "--to", FaultInput.ToText], configuration);
            await FaultSteps.WaitUntilAsync("the recompute to wait for the last day's rows", () => RecomputeLock.SomeoneWaitsAsync(database));
            _recompute.Kill();
        }
        var restartedUtc = DateTime.UtcNow;
        var faultEnded = Stopwatch.StartNew();
        // The server rolled the dead connection's transaction back: the scores are the ones from before, whole.
        var current = await FaultSteps.WaitUntilCurrentAsync(input, database, configuration, _data.Path, faultEnded);

        _app = await AppProcess.StartAsync(configuration);
        await FaultSteps.WaitUntilAsync("a scheduled poll after the restart", () => FaultSteps.PolledSinceAsync(database, restartedUtc));
        var synced = faultEnded.Elapsed;
        var again = await FaultInput.RunAsync(["recompute", "--from", FaultInput.FromText, "--to", FaultInput.ToText], configuration);
        again.ShouldContain("Succeeded");
        var recomputed = faultEnded.Elapsed;
        (await FaultSnapshot.ReadAsync(database, configuration, _data.Path)).ShouldEqual(input.Reference);
        FaultSteps.Report(output, "app killed during a range recompute",
            ("scores current (no torn day)", current), ("first successful sync", synced), ("recompute re-run", recomputed),
            ("scenario", scenario.Elapsed));
    }

    public async Task DisposeAsync()
    {
        foreach (var process in new[] { _recompute, _app })
        {
            if (process is not null)
            {
                output.WriteLine(FaultSteps.Tail(process.Output));
                process.Dispose();
            }
        }
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        _data.Dispose();
    }
}
