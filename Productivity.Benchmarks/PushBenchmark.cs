using System.Globalization;
using System.Runtime;
using Productivity.Web.Components.Pages.Dashboard;

namespace Productivity.Benchmarks;

/// <summary>
/// Push latency of the live dashboard: N signed-in Manager pages in headless Chromium show today on <c>/</c>; per update
/// one PodFactory row is stored and the real recompute runs in this process (<see cref="LiveDashboardApp"/>). T0 is the
/// moment the recompute finished: its scores committed, the update stamped (<c>OccurredAt</c>) and handed to the circuits
/// inside <c>RecalculateAsync</c>; the call's return, a little later, is reported too. T1 is, per page, the
/// <c>Date.now()</c> at which the page's KPI "Items" shows the new total (a MutationObserver). Both clocks are this
/// machine's wall clock, ms resolution. Updates are spaced (default 1 s) so that the dashboard's reload throttle
/// (500 ms) is not what is measured. Update 0 warms up and proves every page live; it is not counted.
/// <c>push [--pages 20] [--updates 30] [--interval-ms 1000] [--employees 300] [--mysql] [--redis host:port] [--telemetry]</c>
/// With <c>--telemetry</c> the app's own telemetry is on, exporting to a local <see cref="OtlpSink"/>.
/// With <c>--podfactory</c> the whole way from PodFactory instead (<see cref="RunFromPodFactoryAsync"/>).
/// </summary>
public static class PushBenchmark
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--podfactory"))
        {
            return await RunFromPodFactoryAsync(args);
        }
        var pageCount = Options.Int(args, "--pages", 20);
        var updates = Options.Int(args, "--updates", 30);
        var interval = TimeSpan.FromMilliseconds(Options.Int(args, "--interval-ms", 1000));
        var employees = Options.Int(args, "--employees", 300);

        await using var sink = args.Contains("--telemetry") ? await OtlpSink.StartAsync() : null;
        await using var app = await LiveDashboardApp.StartAsync(args.Contains("--mysql"), Options.Text(args, "--redis"), settings: sink?.Settings);
        Console.WriteLine(sink is null ? "telemetry off (nothing configured)" : $"telemetry on: traces, metrics and logs over OTLP/HTTP to {sink.Endpoint}");
        var seeded = await app.SeedTodayAsync(employees);
        Console.WriteLine(Measurement.Invariant(
            $"push: {app.Storage}, {employees} employees, {app.ActivityRows:N0} windows today ({app.Today:yyyy-MM-dd} in {app.Clock.TimeZone.Id}, {TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, app.Clock.TimeZone):HH:mm} there), seeded and scored in {seeded:F0} s; {(GCSettings.IsServerGC ? "server" : "workstation")} GC"));

        await using var pages = BrowserPages.Start(app.BaseAddress, LiveDashboardApp.ManagerEmail, LiveDashboardApp.ManagerPassword);
        await pages.OpenAsync(pageCount);
        var total = await app.ItemsTodayAsync();
        Console.WriteLine(Measurement.Invariant($"{pages.Count} pages open (one browser, one context), today's items {total:N0}"));

        var expected = new string[updates + 1];
        var cpu = CpuSnapshot.Take();
        var sent = new ProductionUpdate[updates + 1];
        var recompute = new List<double>();
        for (var i = 0; i <= updates; i++)
        {
            var items = 10 + (i % 7);
            var update = await app.AddProductionAsync(i, items);
            total += items;
            expected[i] = DashboardFormat.Count(total);
            sent[i] = update;
            if (i == 0)
            {
                var live = await pages.WaitUntilShownAsync(expected[0]);
                if (live != pages.Count)
                {
                    Console.WriteLine(Measurement.Invariant($"only {live}/{pages.Count} pages showed the warm-up update; stopping"));
                    return 1;
                }
            }
            else
            {
                recompute.Add(update.RecomputeMilliseconds);
            }
            if (i == 0)
            {
                cpu = CpuSnapshot.Take();
            }
            var rest = interval - (DateTimeOffset.UtcNow - update.Published);
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest);
            }
        }
        await pages.WaitUntilShownAsync(expected[^1]);
        var serverCpu = (CpuSnapshot.Take().Client - cpu.Client).TotalMilliseconds / updates;
        await Task.Delay(Settle);

        var changes = await pages.CollectAsync();
        Console.WriteLine(Measurement.Invariant($"server (this process) CPU per update, recompute and {pages.Count} circuits' reloads: {serverCpu:F0} ms"));
        return Report(changes, expected, sent, recompute);
    }

    private static int Report(List<List<(string Text, long UnixMilliseconds)>> changes, string[] expected, ProductionUpdate[] sent, List<double> recompute)
    {
        var fromPublish = new List<double>();
        var fromReturn = new List<double>();
        var firstPage = new List<double>();
        var lastPage = new List<double>();
        var returnAfterPublish = new List<double>();
        var missing = 0;
        var skipped = 0;
        for (var i = 1; i < expected.Length; i++)
        {
            var published = UnixMilliseconds(sent[i].Published);
            var returned = UnixMilliseconds(sent[i].Returned);
            returnAfterPublish.Add(returned - published);
            var perPage = new List<double>();
            foreach (var page in changes)
            {
                // A page whose reload for this update started after the next one was committed shows the newer total at once.
                var shown = page.FirstOrDefault(c => expected.AsSpan(i).Contains(c.Text));
                if (shown.Text is null)
                {
                    missing++;
                    continue;
                }
                if (shown.Text != expected[i])
                {
                    skipped++;
                }
                perPage.Add(shown.UnixMilliseconds - published);
                fromReturn.Add(shown.UnixMilliseconds - returned);
            }
            fromPublish.AddRange(perPage);
            if (perPage.Count > 0)
            {
                firstPage.Add(perPage.Min());
                lastPage.Add(perPage.Max());
            }
        }

        var updates = expected.Length - 1;
        var unseen = (missing > 0 ? $", {missing} never shown" : "") + (skipped > 0 ? $", {skipped} showed a later update's total first (counted at that moment)" : "");
        Console.WriteLine(Measurement.Invariant($"{updates} updates x {changes.Count} pages: {fromPublish.Count}/{updates * changes.Count} numbers seen{unseen}"));
        Console.WriteLine(Measurement.Invariant($"recompute call (one employee-day; storing the row not included): {Summary(recompute)}; it returned {Summary(returnAfterPublish)} after publishing"));
        if (fromPublish.Count > 0)
        {
            Console.WriteLine(Measurement.Invariant($"push latency, recompute finished (T0) -> new number in the page's DOM: {Summary(fromPublish)}, max {fromPublish.Max():F0} ms"));
            Console.WriteLine(Measurement.Invariant($"  first page per update: {Summary(firstPage)}; last page per update: {Summary(lastPage)}"));
            Console.WriteLine(Measurement.Invariant($"  from the recompute call's return instead: {Summary(fromReturn)} ({fromReturn.Count(l => l < 0)} shown before it returned)"));
        }
        return missing == 0 ? 0 : 1;
    }

    /// <summary>
    /// New production the way it arrives: per update one row INSERTed (autocommit) into a PodFactory MariaDB database,
    /// found by the app's own scheduled PodFactory sync (Jobs:Enabled, the default 10 s), stored, rescored and pushed.
    /// T0 is the INSERT's return (committed), T1 each page's Date.now() at the new KPI "Items". Updates are
    /// <c>--interval-ms</c> apart (default 7,300: not a divisor of the 10 s schedule, so the commits fall at every point
    /// of a poll's period); two commits in one period show together, each counted when its total (or a later one) shows.
    /// </summary>
    private static async Task<int> RunFromPodFactoryAsync(string[] args)
    {
        var pageCount = Options.Int(args, "--pages", 20);
        var updates = Options.Int(args, "--updates", 30);
        var interval = TimeSpan.FromMilliseconds(Options.Int(args, "--interval-ms", 7300));
        var employees = Options.Int(args, "--employees", 300);

        await using var app = await LiveDashboardApp.StartAsync(args.Contains("--mysql"), Options.Text(args, "--redis"), podFactory: true);
        var seeded = await app.SeedTodayAsync(employees);
        Console.WriteLine(Measurement.Invariant(
            $"push from PodFactory: {app.Storage}, PodFactory on MariaDB, jobs on (PodFactory sync every {Infrastructure.Jobs.JobIntervals.DefaultPodFactorySeconds} s, the default), {employees} employees, {app.ActivityRows:N0} windows today, seeded and scored in {seeded:F0} s; {(GCSettings.IsServerGC ? "server" : "workstation")} GC"));

        await using var pages = BrowserPages.Start(app.BaseAddress, LiveDashboardApp.ManagerEmail, LiveDashboardApp.ManagerPassword);
        await pages.OpenAsync(pageCount);
        var total = await app.ItemsTodayAsync();
        Console.WriteLine(Measurement.Invariant($"{pages.Count} pages open (one browser, one context), today's items {total:N0}; {updates} rows {interval.TotalMilliseconds:F0} ms apart"));

        var expected = new string[updates + 1];
        var committed = new DateTimeOffset[updates + 1];
        var cpu = CpuSnapshot.Take();
        for (var i = 0; i <= updates; i++)
        {
            var items = 10 + (i % 7);
            committed[i] = await app.AddPodFactoryRowAsync(i, items);
            total += items;
            expected[i] = DashboardFormat.Count(total);
            if (i == 0)
            {
                var live = await pages.WaitUntilShownAsync(expected[0]);
                if (live != pages.Count)
                {
                    Console.WriteLine(Measurement.Invariant($"only {live}/{pages.Count} pages showed the warm-up row; stopping"));
                    return 1;
                }
                cpu = CpuSnapshot.Take();
            }
            var rest = interval - (DateTimeOffset.UtcNow - committed[i]);
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest);
            }
        }
        await pages.WaitUntilShownAsync(expected[^1]);
        var serverCpu = (CpuSnapshot.Take().Client - cpu.Client).TotalMilliseconds / updates;
        await Task.Delay(Settle);

        var changes = await pages.CollectAsync();
        var runs = await app.PodFactoryRunsAsync();
        var latency = new List<double>();
        var firstPage = new List<double>();
        var lastPage = new List<double>();
        var untilPoll = new List<double>();
        var ingest = new List<double>();
        var missing = 0;
        for (var i = 1; i <= updates; i++)
        {
            var t0 = UnixMilliseconds(committed[i]);
            var perPage = new List<double>();
            foreach (var page in changes)
            {
                var shown = page.FirstOrDefault(c => expected.AsSpan(i).Contains(c.Text));
                if (shown.Text is null)
                {
                    missing++;
                    continue;
                }
                perPage.Add(shown.UnixMilliseconds - t0);
            }
            latency.AddRange(perPage);
            if (perPage.Count > 0)
            {
                firstPage.Add(perPage.Min());
                lastPage.Add(perPage.Max());
            }
            // The run that stored the row: the first one to finish after the commit.
            var run = runs.FirstOrDefault(r => r.Finished >= committed[i].UtcDateTime);
            if (run != default)
            {
                untilPoll.Add((run.Started - committed[i].UtcDateTime).TotalMilliseconds);
                ingest.Add((run.Finished - run.Started).TotalMilliseconds);
            }
        }
        Console.WriteLine(Measurement.Invariant($"server (this process) CPU per update, polls, sync, recompute and {pages.Count} circuits' reloads: {serverCpu:F0} ms"));
        Console.WriteLine(Measurement.Invariant($"{updates} rows x {changes.Count} pages: {latency.Count}/{updates * changes.Count} numbers seen{(missing > 0 ? $", {missing} never shown" : "")}; {runs.Count} sync runs stored rows"));
        if (latency.Count == 0)
        {
            return 1;
        }
        Console.WriteLine(Measurement.Invariant($"latency, INSERT committed in PodFactory (T0) -> new number in the page's DOM: {Summary(latency)}, max {latency.Max():F0} ms (target p95 <= 15,000 ms)"));
        Console.WriteLine(Measurement.Invariant($"  first page per row: {Summary(firstPage)}; last page per row: {Summary(lastPage)}"));
        Console.WriteLine(Measurement.Invariant($"  commit -> the poll that found it started: {Summary(untilPoll)}; that sync run (read + store): {Summary(ingest)}"));
        return missing == 0 ? 0 : 1;
    }

    private static double UnixMilliseconds(DateTimeOffset time) => (time - DateTimeOffset.UnixEpoch).TotalMilliseconds;

    private static string Summary(List<double> values)
    {
        var sorted = values.Order().ToArray();
        var median = sorted[sorted.Length / 2];
        var p95 = sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * 0.95) - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"median {median:F0} ms, p95 {p95:F0} ms");
    }
}
