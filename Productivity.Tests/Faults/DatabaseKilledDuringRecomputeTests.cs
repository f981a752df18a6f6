using System.Diagnostics;
using System.Net;
using Productivity.Tests.TestSupport;
using Xunit.Abstractions;

namespace Productivity.Tests.Faults;

/// <summary>
/// Fault (b): the product database (a private MariaDB) is SIGKILLed while a range recompute (the command line) is
/// inside its transaction, having deleted some days' scores and not yet written them back, and restarted on the same
/// data folder and port. The site runs its schedules throughout.
/// </summary>
[Trait("Category", "Faults")]
[Trait("Category", "MySql")]
public sealed class DatabaseKilledDuringRecomputeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempFolder _data = new();
    private PrivateMariaDb? _server;
    private AppProcess? _app;
    private AppProcess? _recompute;

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task KilledMidRecompute_LosesNoScoreAndTheRecomputeRunsAgain()
    {
        var input = await FaultInput.SharedAsync();
        var scenario = Stopwatch.StartNew();
        _server = await PrivateMariaDb.StartAsync();
        var database = (await MySqlTestDatabase.CreateAsync(_server.ServerConnectionString, "productivity_faults")).ConnectionString;
        var configuration = input.Configuration(database, _server.ServerVersion, _data.Path, jobs: true);
        await input.CopyReferenceToAsync(database);
        _app = await AppProcess.StartAsync(configuration);

        await using (await RecomputeLock.TakeAsync(database))
        {
            _recompute = AppProcess.StartCommand(["recompute", "--from", FaultInput.FromText, "--to", FaultInput.ToText], configuration);
            await FaultSteps.WaitUntilAsync("the recompute to wait for the last day's rows", () => RecomputeLock.SomeoneWaitsAsync(database));
            _server.Kill();
        }
        (await _recompute.WaitForExitAsync(FaultSteps.WaitLimit)).ShouldBe(1, _recompute.Output);
        _recompute.Output.ShouldContain("Failed");
        await FaultSteps.WaitForReadinessAsync(_app, HttpStatusCode.ServiceUnavailable);
        await Task.Delay(TimeSpan.FromSeconds(3));

        await _server.RestartAsync();
        var restartedUtc = DateTime.UtcNow;
        var faultEnded = Stopwatch.StartNew();
        await FaultSteps.WaitForReadinessAsync(_app, HttpStatusCode.OK);
        var healthy = faultEnded.Elapsed;
        // The killed transaction is rolled back by the restart's crash recovery: the stored scores are the ones from
        // before the recompute, which equal the fault-free run's, with no day left deleted.
        var current = await FaultSteps.WaitUntilCurrentAsync(input, database, configuration, _data.Path, faultEnded);
        await FaultSteps.WaitUntilAsync("a scheduled poll after the restart", () => FaultSteps.PolledSinceAsync(database, restartedUtc));
        var synced = faultEnded.Elapsed;

        var again = await FaultInput.RunAsync(["recompute", "--from", FaultInput.FromText, "--to", FaultInput.ToText], configuration);
        again.ShouldContain("Succeeded");
        (await FaultSnapshot.ReadAsync(database, configuration, _data.Path)).ShouldEqual(input.Reference);
        FaultSteps.Report(output, "database killed during a range recompute",
            ("ready again", healthy), ("first successful sync", synced), ("scores current", current), ("scenario", scenario.Elapsed));
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
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        _data.Dispose();
    }
}
