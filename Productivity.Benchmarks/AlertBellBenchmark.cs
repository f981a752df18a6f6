using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Alerts;
using Productivity.Core.Sync;
using Productivity.Infrastructure.Alerts;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Scoring;

namespace Productivity.Benchmarks;

/// <summary>
/// From a new PodFactory row that closes an idle alert to the alert bell updating in a real browser page. The app runs as
/// in <c>push --podfactory</c> (<see cref="LiveDashboardApp"/>: this process, jobs on, PodFactory a MariaDB
/// <c>report_actions</c> table polled by the app's own sync); N signed-in Manager pages (<see cref="BrowserPages"/>, the
/// dashboard, whose app bar holds the bell) record every change of the bell's <c>data-open-count</c> with the browser's
/// <c>Date.now()</c>. Set-up: a floor seeded up to now, every rule but "idle now" off (so no other alert moves the count),
/// and samples + 11 people made idle (their windows of the last four hours removed, rescored) and their alerts opened
/// by one evaluation. Per sample one row for one of them is INSERTed (T0: the commit's return); the app's sync stores it,
/// the recompute rescores the person, the evaluation after the recompute closes the alert, the bells re-query: T1 is
/// the page's count showing one fewer. Sample 0 warms up and is not counted. Rows are <c>--interval-ms</c> apart
/// (default 7,300: not a divisor of the poll's period, so commits fall at every point of it).
/// <c>alertbell [--samples 30] [--pages 5] [--interval-ms 7300] [--employees 100] [--mysql] [--redis host:port]</c>
/// </summary>
public static class AlertBellBenchmark
{
    private const string Bell = "[data-testid='alert-bell'] @data-open-count";
    private static readonly TimeSpan IdleFor = TimeSpan.FromHours(4);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(string[] args)
    {
        var samples = Options.Int(args, "--samples", 30);
        var pageCount = Options.Int(args, "--pages", 5);
        var interval = TimeSpan.FromMilliseconds(Options.Int(args, "--interval-ms", 7300));
        var employees = Options.Int(args, "--employees", 100);
        // A few more people are made idle than rows are sent: someone on a break when the rule is evaluated has no alert.
        var candidates = samples + 11;
        if (employees < candidates)
        {
            Console.Error.WriteLine($"--employees must be at least --samples + 11 ({candidates}).");
            return 2;
        }

        await using var app = await LiveDashboardApp.StartAsync(args.Contains("--mysql"), Options.Text(args, "--redis"), podFactory: true);
        var seeded = await app.SeedTodayAsync(employees);
        var open = await MakeIdleAsync(app, [.. app.EmployeeIds.Take(candidates)]);
        var idle = app.EmployeeIds.Where(open.ContainsKey).Take(samples + 1).ToList();
        Console.WriteLine(Measurement.Invariant(
            $"alertbell: {app.Storage}, PodFactory on MariaDB, jobs on (PodFactory sync every {Infrastructure.Jobs.JobIntervals.DefaultPodFactorySeconds} s, the default; alert evaluation every minute and after each recompute), {employees} employees seeded and scored in {seeded:F0} s; {open.Count} idle alerts open"));
        if (idle.Count < samples + 1)
        {
            Console.WriteLine(Measurement.Invariant($"only {idle.Count} of the {candidates} people made idle have an open idle alert; stopping"));
            return 1;
        }

        await using var pages = BrowserPages.Start(app.BaseAddress, LiveDashboardApp.ManagerEmail, LiveDashboardApp.ManagerPassword, Bell);
        await pages.OpenAsync(pageCount);
        var before = await OpenIdleCountAsync(app);
        if (await pages.WaitUntilShownAsync(Count(before)) != pages.Count)
        {
            Console.WriteLine(Measurement.Invariant($"not every page's bell shows {before} open alerts; stopping"));
            return 1;
        }
        Console.WriteLine(Measurement.Invariant($"{pages.Count} Manager pages open on the dashboard (one browser, one context), each bell at {before}; {samples} rows {interval.TotalMilliseconds:F0} ms apart"));
        MachineInfo.PrintLoad();

        var started = DateTime.UtcNow;
        var expected = new string[samples + 1];
        var committed = new DateTimeOffset[samples + 1];
        var cpu = CpuSnapshot.Take();
        for (var i = 0; i <= samples; i++)
        {
            committed[i] = await app.AddPodFactoryRowAsync(idle[i], i, 10 + (i % 7));
            expected[i] = Count(before - i - 1);
            if (i == 0)
            {
                var live = await pages.WaitUntilShownAsync(expected[0]);
                if (live != pages.Count)
                {
                    Console.WriteLine(Measurement.Invariant($"only {live}/{pages.Count} bells showed the warm-up close; stopping"));
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
        var serverCpu = (CpuSnapshot.Take().Client - cpu.Client).TotalMilliseconds / samples;
        MachineInfo.PrintLoad();
        await Task.Delay(Settle);

        var changes = await pages.CollectAsync();
        var closed = await ClosedSinceAsync(app, started);
        var strays = await OpenedSinceAsync(app, started);
        var runs = await app.PodFactoryRunsAsync();
        return Report(changes, expected, committed, idle, closed, runs, strays, serverCpu);
    }

    private static int Report(List<List<(string Text, long UnixMilliseconds)>> changes, string[] expected, DateTimeOffset[] committed,
        List<int> idle, Dictionary<int, DateTime> closed, List<(DateTime Started, DateTime Finished)> runs, int strays, double serverCpu)
    {
        var latency = new List<double>();
        var fromClose = new List<double>();
        var untilClosed = new List<double>();
        var untilPoll = new List<double>();
        var missing = 0;
        for (var i = 1; i < expected.Length; i++)
        {
            var t0 = UnixMilliseconds(committed[i]);
            foreach (var page in changes)
            {
                // Two rows found by one poll close together: the page shows the later count at once, counted for both.
                var shown = page.FirstOrDefault(c => expected.AsSpan(i).Contains(c.Text));
                if (shown.Text is null)
                {
                    missing++;
                    continue;
                }
                latency.Add(shown.UnixMilliseconds - t0);
                if (closed.TryGetValue(idle[i], out var closedUtc))
                {
                    fromClose.Add(shown.UnixMilliseconds - UnixMilliseconds(new DateTimeOffset(closedUtc, TimeSpan.Zero)));
                }
            }
            if (closed.TryGetValue(idle[i], out var at))
            {
                untilClosed.Add((at - committed[i].UtcDateTime).TotalMilliseconds);
            }
            var run = runs.FirstOrDefault(r => r.Finished >= committed[i].UtcDateTime);
            if (run != default)
            {
                untilPoll.Add((run.Started - committed[i].UtcDateTime).TotalMilliseconds);
            }
        }
        var samples = expected.Length - 1;
        Console.WriteLine(Measurement.Invariant($"server (this process) CPU per row, polls, sync, recompute, evaluation and {changes.Count} circuits' reloads: {serverCpu:F0} ms"));
        Console.WriteLine(Measurement.Invariant($"{samples} rows x {changes.Count} pages: {latency.Count}/{samples * changes.Count} bell updates seen{(missing > 0 ? $", {missing} never shown" : "")}; {closed.Count} idle alerts closed, {strays} other alerts opened during the run"));
        if (latency.Count == 0)
        {
            return 1;
        }
        Console.WriteLine(Measurement.Invariant($"latency, INSERT committed in PodFactory (T0) -> the bell's count in the page's DOM: {Summary(latency)}, max {latency.Max():F0} ms"));
        Console.WriteLine(Measurement.Invariant($"  commit -> the poll that found it started: {Summary(untilPoll)}; commit -> alert closed (sync, recompute, evaluation): {Summary(untilClosed)}"));
        Console.WriteLine(Measurement.Invariant($"  alert closed (ClosedUtc, the evaluation's clock) -> the bell's count in the page: {Summary(fromClose)}"));
        // A stray alert would move the count and make a sample's number wrong: the run does not count then.
        return missing == 0 && strays == 0 ? 0 : 1;
    }

    /// <summary>
    /// Removes the last <see cref="IdleFor"/> of windows of <paramref name="employees"/> (they are clocked in and have
    /// produced nothing since), rescores them, switches every rule but "idle now" off and evaluates once; returns the
    /// open idle alerts by employee.
    /// </summary>
    private static async Task<Dictionary<int, long>> MakeIdleAsync(LiveDashboardApp app, List<int> employees)
    {
        var since = DateTime.UtcNow - IdleFor;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
            await db.Activities.Where(a => a.EmployeeId != null && employees.Contains(a.EmployeeId.Value) && a.WindowEndUtc > since)
                .ExecuteDeleteAsync();
            // The rule's defaults (3 × the role's threshold, at least 30 min) but at least two hours: nobody else on the
            // seeded floor goes idle that long during the run, so only the closes move the bells' count.
            await db.AlertRules.ExecuteUpdateAsync(set => set
                .SetProperty(r => r.IsEnabled, r => r.Kind == AlertKind.IdleNow)
                .SetProperty(r => r.SecondThreshold, r => r.Kind == AlertKind.IdleNow ? (double?)120 : r.SecondThreshold));
        }
        await app.Services.GetRequiredService<ScoreRecalculationService>().RecalculateAsync(
            [.. employees.Select(id => new EmployeeDay(id, app.Today))]);
        await app.Services.GetRequiredService<AlertEvaluationService>().EvaluateAsync();
        await using var read = app.Services.CreateAsyncScope();
        return await read.ServiceProvider.GetRequiredService<ProductivityDbContext>().Alerts.AsNoTracking()
            .Where(a => a.Kind == AlertKind.IdleNow && a.ClosedUtc == null && a.EmployeeId != null)
            .ToDictionaryAsync(a => a.EmployeeId!.Value, a => a.Id);
    }

    private static async Task<int> OpenIdleCountAsync(LiveDashboardApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProductivityDbContext>().Alerts.CountAsync(a => a.ClosedUtc == null);
    }

    private static async Task<Dictionary<int, DateTime>> ClosedSinceAsync(LiveDashboardApp app, DateTime since)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProductivityDbContext>().Alerts.AsNoTracking()
            .Where(a => a.ClosedUtc >= since && a.EmployeeId != null)
            .ToDictionaryAsync(a => a.EmployeeId!.Value, a => a.ClosedUtc!.Value);
    }

    private static async Task<int> OpenedSinceAsync(LiveDashboardApp app, DateTime since)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProductivityDbContext>().Alerts.CountAsync(a => a.OpenedUtc >= since);
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static double UnixMilliseconds(DateTimeOffset time) => (time - DateTimeOffset.UnixEpoch).TotalMilliseconds;

    private static string Summary(List<double> values)
    {
        if (values.Count == 0)
        {
            return "none";
        }
        var sorted = values.Order().ToArray();
        var median = sorted[sorted.Length / 2];
        var p95 = sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * 0.95) - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"median {median:F0} ms, p95 {p95:F0} ms");
    }
}
