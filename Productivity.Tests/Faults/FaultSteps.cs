using System.Diagnostics;
using System.Globalization;
using System.Net;
using MySqlConnector;
using Productivity.Infrastructure.Sync;
using Productivity.Tests.TestSupport;
using Xunit.Abstractions;

namespace Productivity.Tests.Faults;

/// <summary>
/// The steps the fault scenarios share: waiting (always against a deadline, so a scenario that does not recover fails
/// instead of hanging), reading <c>/health/ready</c>, and measuring the recovery after a fault ends.
/// </summary>
internal static class FaultSteps
{
    /// <summary>Bound of any one wait: every step of a scenario has one, so a scenario that does not recover fails.</summary>
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(150);

    /// <summary>The end of a process's output, for a failure's post-mortem.</summary>
    public static string Tail(string text) => string.Join('\n', text.Split('\n')
        .Where(l => !l.StartsWith(" ", StringComparison.Ordinal) || l.Contains("Sync ", StringComparison.Ordinal) || l.Contains("Cluster", StringComparison.Ordinal)
            || l.Contains("record", StringComparison.Ordinal) || l.Contains("ecompute", StringComparison.Ordinal))
        .Where(l => !l.StartsWith("   at ", StringComparison.Ordinal))
        .TakeLast(120));

    public static async Task WaitUntilAsync(string what, Func<Task<bool>> condition, TimeSpan? limit = null, int pollMs = 100)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (stopwatch.Elapsed > (limit ?? WaitLimit))
            {
                throw new TimeoutException($"Waited {stopwatch.Elapsed.TotalSeconds:0} s for: {what}");
            }
            await Task.Delay(pollMs);
        }
    }

    /// <summary><c>/health/ready</c>'s status code (200 Healthy or Degraded, 503 Unhealthy).</summary>
    public static async Task<HttpStatusCode> ReadinessAsync(AppProcess app)
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync("/health/ready");
        return response.StatusCode;
    }

    public static Task WaitForReadinessAsync(AppProcess app, HttpStatusCode status) =>
        WaitUntilAsync($"/health/ready {(int)status}", async () => await ReadinessAsync(app) == status);

    /// <summary>A recorded PodFactory run that succeeded and started at or after <paramref name="sinceUtc"/>.</summary>
    public static async Task<bool> SucceededRunSinceAsync(string database, DateTime sinceUtc) =>
        await CountAsync(database, $"SELECT COUNT(*) FROM sync_runs WHERE Job = '{SyncJobs.PodFactory}' AND Status = 'Succeeded' AND StartedUtc >= @since",
            sinceUtc) > 0;

    /// <summary>A scheduled PodFactory poll that succeeded at or after <paramref name="sinceUtc"/> (idle polls stamp sync_polls only).</summary>
    public static async Task<bool> PolledSinceAsync(string database, DateTime sinceUtc) =>
        await CountAsync(database, $"SELECT COUNT(*) FROM sync_polls WHERE Job = '{SyncJobs.PodFactory}' AND PolledUtc >= @since", sinceUtc) > 0;

    /// <summary>Failed PodFactory runs recorded with their error.</summary>
    public static Task<long> FailedRunsAsync(string database) =>
        CountAsync(database, $"SELECT COUNT(*) FROM sync_runs WHERE Job = '{SyncJobs.PodFactory}' AND Status = 'Failed' AND Error IS NOT NULL AND Error <> ''");

    public static async Task<long> CountAsync(string database, string sql, DateTime? since = null)
    {
        await using var connection = new MySqlConnection(database);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        if (since is { } value)
        {
            command.Parameters.AddWithValue("@since", value);
        }
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Takes snapshots until one equals the reference: the time from <paramref name="faultEnded"/> to that moment is
    /// "scores current". Fails with the last difference if none does within the limit.
    /// </summary>
    public static async Task<TimeSpan> WaitUntilCurrentAsync(FaultInput input, string database, IReadOnlyDictionary<string, string> configuration,
        string folder, Stopwatch faultEnded)
    {
        string? difference = null;
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < WaitLimit)
        {
            var snapshot = await FaultSnapshot.ReadAsync(database, configuration, folder);
            difference = snapshot.DifferenceFrom(input.Reference);
            if (difference is null)
            {
                var elapsed = faultEnded.Elapsed;
                snapshot.ShouldEqual(input.Reference);
                return elapsed;
            }
            await Task.Delay(500);
        }
        throw new ShouldAssertException($"Not equal to the fault-free run after {stopwatch.Elapsed.TotalSeconds:0} s: {difference}");
    }

    public static void Report(ITestOutputHelper output, string scenario, params (string Step, TimeSpan Time)[] steps) =>
        output.WriteLine($"RECOVERY {scenario}: " + string.Join(", ", steps.Select(s => $"{s.Step} {s.Time.TotalSeconds:0.0} s")));
}
