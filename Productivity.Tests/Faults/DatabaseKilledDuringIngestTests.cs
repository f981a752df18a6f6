using System.Diagnostics;
using System.Net;
using Productivity.Tests.TestSupport;
using Xunit.Abstractions;

namespace Productivity.Tests.Faults;

/// <summary>
/// Fault (a): the product database (a private MariaDB) is SIGKILLed while the site's scheduled PodFactory poll ingests
/// 100,000 rows, and restarted on the same data folder and port. The site keeps running throughout.
/// </summary>
[Trait("Category", "Faults")]
[Trait("Category", "MySql")]
public sealed class DatabaseKilledDuringIngestTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempFolder _data = new();
    private PrivateMariaDb? _server;
    private AppProcess? _app;

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task KilledMidIngest_RecoversToTheFaultFreeRowsAndScores()
    {
        var input = await FaultInput.SharedAsync();
        var scenario = Stopwatch.StartNew();
        _server = await PrivateMariaDb.StartAsync();
        var database = (await MySqlTestDatabase.CreateAsync(_server.ServerConnectionString, "productivity_faults")).ConnectionString;
        var configuration = input.Configuration(database, _server.ServerVersion, _data.Path, jobs: true);
        await input.SyncPeopleAsync(configuration);
        _app = await AppProcess.StartAsync(configuration);

        // A fifth of the rows stored: the poll is mid-ingest (it stores 5,000-row batches and rescores at its end).
        long stored = 0;
        await FaultSteps.WaitUntilAsync("the poll to store 20,000 rows",
            async () => (stored = await FaultSteps.CountAsync(database, "SELECT COUNT(*) FROM activities")) >= 20_000, pollMs: 20);
        _server.Kill();
        output.WriteLine($"MariaDB killed with {stored} rows stored");
        stored.ShouldBeLessThan(FaultInput.Rows, "the kill came after the ingest had finished");
        await FaultSteps.WaitForReadinessAsync(_app, HttpStatusCode.ServiceUnavailable);
        // Down for a few poll periods: the polls that fire meanwhile fail.
        await Task.Delay(TimeSpan.FromSeconds(3));

        await _server.RestartAsync();
        var restartedUtc = DateTime.UtcNow;
        var faultEnded = Stopwatch.StartNew();
        await FaultSteps.WaitForReadinessAsync(_app, HttpStatusCode.OK);
        var healthy = faultEnded.Elapsed;
        await FaultSteps.WaitUntilAsync("a successful PodFactory run after the restart", () => FaultSteps.SucceededRunSinceAsync(database, restartedUtc));
        var synced = faultEnded.Elapsed;
        var current = await FaultSteps.WaitUntilCurrentAsync(input, database, configuration, _data.Path, faultEnded);

        (await FaultSteps.FailedRunsAsync(database)).ShouldBeGreaterThan(0, "the runs that failed while the database was down are recorded");
        var pollsSince = DateTime.UtcNow;
        await FaultSteps.WaitUntilAsync("a later scheduled poll", () => FaultSteps.PolledSinceAsync(database, pollsSince));
        FaultSteps.Report(output, "database killed during a 100,000-row ingest",
            ("ready again", healthy), ("first successful sync", synced), ("scores current", current), ("scenario", scenario.Elapsed));
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            output.WriteLine(FaultSteps.Tail(_app.Output));
            _app.Dispose();
        }
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        _data.Dispose();
    }
}
