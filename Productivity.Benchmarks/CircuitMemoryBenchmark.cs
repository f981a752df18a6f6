using System.Runtime;
using Productivity.Web.Components.Pages.Dashboard;

namespace Productivity.Benchmarks;

/// <summary>
/// Server memory per open dashboard circuit: the real app in this process (<see cref="LiveDashboardApp"/>), signed-in
/// Manager pages in headless Chromium (a child process, so the browser's client objects are not on this heap).
/// Baseline: 1 page open and live, after one update it has shown; then N pages open and live, after one more update all
/// of them have shown. At both points the managed heap after a full compacting collection, and the working set.
/// Bytes per circuit = (heap with N − heap with 1) / (N − 1); the pages stay open while measuring.
/// <c>circuits [--pages 50] [--employees 300] [--mysql] [--redis host:port]</c>
/// </summary>
public static class CircuitMemoryBenchmark
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(string[] args)
    {
        var pageCount = Options.Int(args, "--pages", 50);
        var employees = Options.Int(args, "--employees", 300);
        if (pageCount < 2)
        {
            Console.WriteLine("circuits: --pages must be at least 2");
            return 2;
        }

        await using var app = await LiveDashboardApp.StartAsync(args.Contains("--mysql"), Options.Text(args, "--redis"));
        var seeded = await app.SeedTodayAsync(employees);
        Console.WriteLine(Measurement.Invariant(
            $"circuits: {app.Storage}, {employees} employees, {app.ActivityRows:N0} windows today, seeded and scored in {seeded:F0} s; {(GCSettings.IsServerGC ? "server" : "workstation")} GC"));

        await using var pages = BrowserPages.Start(app.BaseAddress, LiveDashboardApp.ManagerEmail, LiveDashboardApp.ManagerPassword);
        var total = await app.ItemsTodayAsync();
        var update = 0;

        async Task<(long Heap, long WorkingSet)?> MeasureWithAsync(int count)
        {
            await pages.OpenAsync(count);
            total += 10;
            await app.AddProductionAsync(update++, 10);
            var shown = await pages.WaitUntilShownAsync(DashboardFormat.Count(total));
            if (shown != pages.Count)
            {
                Console.WriteLine(Measurement.Invariant($"only {shown}/{pages.Count} pages showed the update; stopping"));
                return null;
            }
            await Task.Delay(Settle);
            var heap = LiveDashboardApp.ManagedHeapAfterFullCollection();
            var workingSet = LiveDashboardApp.WorkingSet();
            Console.WriteLine(Measurement.Invariant(
                $"{pages.Count,3} live pages: managed heap {heap / 1024.0 / 1024.0:F1} MB, working set {workingSet / 1024.0 / 1024.0:F1} MB"));
            return (heap, workingSet);
        }

        if (await MeasureWithAsync(1) is not { } baseline || await MeasureWithAsync(pageCount) is not { } loaded)
        {
            return 1;
        }
        var circuits = pageCount - 1;
        Console.WriteLine(Measurement.Invariant(
            $"per circuit ({pageCount} pages, baseline 1 page, / {circuits}): managed heap {(loaded.Heap - baseline.Heap) / 1024.0 / circuits:F0} KB, working set {(loaded.WorkingSet - baseline.WorkingSet) / 1024.0 / circuits:F0} KB (for information)"));
        return 0;
    }
}
