using System.Diagnostics;
using System.Diagnostics.Metrics;
using Productivity.Core.Sync;

namespace Productivity.Infrastructure.Telemetry;

/// <summary>
/// The app's own span source and meter, both named <see cref="Name"/>, and every instrument on it (the README's
/// "Telemetry" section lists them). Static, as the .NET libraries' own are: without a listener (nothing configured) a
/// span is never created and a measurement is one check of a flag, so the call sites stay one line and cost nothing.
/// Names and units follow the OpenTelemetry semantic conventions: durations in seconds, counts in <c>{unit}</c>.
/// </summary>
public static class ProductivityTelemetry
{
    public const string Name = "Productivity";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    private static readonly IReadOnlyList<double> SecondsBuckets =
        [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    public static readonly Histogram<double> SyncDuration = Meter.CreateHistogram("productivity.sync.duration", "s",
        "Duration of a sync run, from its start to its record (rescoring included).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    public static readonly Counter<long> SyncRowsRead = Meter.CreateCounter<long>("productivity.sync.rows.read", "{row}",
        "Rows (or records) a sync run read from its source.");

    public static readonly Counter<long> SyncRowsWritten = Meter.CreateCounter<long>("productivity.sync.rows.written", "{row}",
        "Rows a sync run added, updated or removed (productivity.sync.write).");

    public static readonly Counter<long> SyncRowsRejected = Meter.CreateCounter<long>("productivity.sync.rows.rejected", "{row}",
        "Rows a sync run rejected, each with a reason in sync_runs.");

    public static readonly Counter<long> ConnecteamRateLimited = Meter.CreateCounter<long>("productivity.connecteam.rate_limited", "{response}",
        "Connecteam answers 429 Too Many Requests.");

    public static readonly Counter<long> ConnecteamRetries = Meter.CreateCounter<long>("productivity.connecteam.retries", "{retry}",
        "Connecteam requests sent again after a timeout, network error, 408 or 5xx (error.type), or a 429 (error.type 429).");

    public static readonly Histogram<double> RecomputeDuration = Meter.CreateHistogram("productivity.recompute.duration", "s",
        "Duration of one recompute: read, score, write, invalidate and notify.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    public static readonly Histogram<long> RecomputeDays = Meter.CreateHistogram("productivity.recompute.days", "{day}",
        "Business days one recompute rescored.",
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 2, 3, 7, 14, 31, 62, 92, 183, 366] });

    public static readonly Histogram<long> RecomputeEmployeeDays = Meter.CreateHistogram("productivity.recompute.employee_days", "{employee_day}",
        "(Employee, business day) pairs one recompute rescored.",
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 10, 50, 100, 500, 1000, 5000, 15000, 50000] });

    public static readonly Histogram<double> PushLatency = Meter.CreateHistogram("productivity.push.latency", "s",
        "From a recompute's commit (the update's timestamp) to a live page having rendered the new scores.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10] });

    public static readonly UpDownCounter<long> OpenCircuits = Meter.CreateUpDownCounter<long>("productivity.circuits.open", "{circuit}",
        "Blazor circuits (interactive pages) open on this node.");

    public static readonly UpDownCounter<long> HubConnections = Meter.CreateUpDownCounter<long>("productivity.hub.connections", "{connection}",
        "Dashboard hub connections registered on this node.");

    public static readonly Counter<long> CacheLookups = Meter.CreateCounter<long>("productivity.cache.lookups", "{lookup}",
        "Dashboard read-model lookups by productivity.cache.result: local_hit, shared_hit or miss (built from the database).");

    public static readonly Counter<long> CacheErrors = Meter.CreateCounter<long>("productivity.cache.errors", "{error}",
        "Shared-cache (Redis) calls that failed and were served as a miss or dropped.");

    /// <summary>Records how a sync run ended; the numbers are the ones its <c>sync_runs</c> row holds.</summary>
    public static void SyncFinished(string job, string status, TimeSpan duration, int read, int added, int updated, int removed, int rejected)
    {
        var jobTag = new KeyValuePair<string, object?>("productivity.sync.job", job);
        SyncDuration.Record(duration.TotalSeconds, jobTag, new("productivity.sync.status", status));
        SyncRowsRead.Add(read, jobTag);
        SyncRowsWritten.Add(added, jobTag, new("productivity.sync.write", "added"));
        SyncRowsWritten.Add(updated, jobTag, new("productivity.sync.write", "updated"));
        SyncRowsWritten.Add(removed, jobTag, new("productivity.sync.write", "removed"));
        SyncRowsRejected.Add(rejected, jobTag);
    }

    /// <param name="pairs">Every (employee, day) the recompute rescored, those it found moved included.</param>
    public static void RecomputeFinished(TimeSpan duration, IReadOnlyCollection<EmployeeDay> pairs)
    {
        RecomputeDuration.Record(duration.TotalSeconds);
        if (RecomputeDays.Enabled)
        {
            RecomputeDays.Record(pairs.Select(p => p.Day).Distinct().Count());
        }
        RecomputeEmployeeDays.Record(pairs.Count);
    }

    /// <param name="errorType">The status code ("503", "429"), "timeout" or "network".</param>
    public static void ConnecteamRetry(string errorType) =>
        ConnecteamRetries.Add(1, new KeyValuePair<string, object?>("error.type", errorType));

    public static void CacheLookup(string result) => CacheLookups.Add(1, new KeyValuePair<string, object?>("productivity.cache.result", result));
}
