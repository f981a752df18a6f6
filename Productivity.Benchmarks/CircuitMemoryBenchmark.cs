using System.Runtime;
using Productivity.Web.Components.Pages.Dashboard;

namespace Productivity.Benchmarks;

/// <summary>
/// Server memory per open circuit: the real app in this process (<see cref="LiveDashboardApp"/>), signed-in Manager
/// pages in headless Chromium (a child process, so the browser's client objects are not on this heap), and the app's
/// <see cref="CircuitCounter"/> to check that exactly the open pages have live circuits.
/// Per page: 1 page open and live, then N; at both points the managed heap after a full compacting collection, and the
/// working set. Bytes per circuit = (heap with N − heap with 1) / (N − 1); the pages stay open while measuring.
/// First the dashboard (<c>/</c>), each point after one more update that all its pages have shown: the whole circuit,
/// on a fresh app as before. Then, its pages closed and their circuits gone, <c>/not-found</c>: a page of two lines in the
/// same signed-in layout (theme, app bar, drawer with the nav menu, user menu, popover/dialog/snackbar providers), which
/// every page's circuit carries. The difference is what the dashboard costs beyond the layout.
/// <c>circuits [--pages 50] [--employees 300] [--mysql] [--redis host:port]</c>
/// </summary>
public static class CircuitMemoryBenchmark
{
    private const string DashboardPath = "/";
    private const string LayoutOnlyPath = "/not-found";
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CircuitTimeout = TimeSpan.FromSeconds(30);

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
        var circuits = pageCount - 1;

        async Task<(long Heap, long WorkingSet)?> MeasureWithAsync(string path, int count)
        {
            await pages.OpenAsync(count, path);
            var open = await app.Circuits.WaitForAsync(pages.Count, CircuitTimeout);
            if (open != pages.Count)
            {
                Console.WriteLine(Measurement.Invariant($"{open} circuits open for {pages.Count} pages on {path}; stopping"));
                return null;
            }
            if (path == DashboardPath)
            {
                total += 10;
                await app.AddProductionAsync(update++, 10);
                var shown = await pages.WaitUntilShownAsync(DashboardFormat.Count(total));
                if (shown != pages.Count)
                {
                    Console.WriteLine(Measurement.Invariant($"only {shown}/{pages.Count} pages showed the update; stopping"));
                    return null;
                }
            }
            await Task.Delay(Settle);
            var heap = LiveDashboardApp.ManagedHeapAfterFullCollection();
            var workingSet = LiveDashboardApp.WorkingSet();
            Console.WriteLine(Measurement.Invariant(
                $"{path,-10} {pages.Count,3} live pages: managed heap {heap / 1024.0 / 1024.0:F1} MB, working set {workingSet / 1024.0 / 1024.0:F1} MB"));
            return (heap, workingSet);
        }

        (double Heap, double WorkingSet) PerCircuitKilobytes((long Heap, long WorkingSet) one, (long Heap, long WorkingSet) all) =>
            ((all.Heap - one.Heap) / 1024.0 / circuits, (all.WorkingSet - one.WorkingSet) / 1024.0 / circuits);

        if (await MeasureWithAsync(DashboardPath, 1) is not { } dashboardOne || await MeasureWithAsync(DashboardPath, pageCount) is not { } dashboardAll)
        {
            return 1;
        }
        var dashboard = PerCircuitKilobytes(dashboardOne, dashboardAll);
        Console.WriteLine(Measurement.Invariant(
            $"per dashboard circuit ({DashboardPath}, {pageCount} pages, baseline 1 page, / {circuits}): managed heap {dashboard.Heap:F0} KB, working set {dashboard.WorkingSet:F0} KB (for information)"));

        await pages.CloseAllAsync();
        if (await app.Circuits.WaitForAsync(0, CircuitTimeout) is var left and not 0)
        {
            Console.WriteLine(Measurement.Invariant($"{left} circuits still open after closing every page; stopping"));
            return 1;
        }
        if (await MeasureWithAsync(LayoutOnlyPath, 1) is not { } layoutOne || await MeasureWithAsync(LayoutOnlyPath, pageCount) is not { } layoutAll)
        {
            return 1;
        }
        var layout = PerCircuitKilobytes(layoutOne, layoutAll);
        Console.WriteLine(Measurement.Invariant(
            $"per layout-only circuit ({LayoutOnlyPath}, {pageCount} pages, baseline 1 page, / {circuits}): managed heap {layout.Heap:F0} KB, working set {layout.WorkingSet:F0} KB (for information)"));
        Console.WriteLine(Measurement.Invariant(
            $"dashboard beyond the layout (difference): managed heap {dashboard.Heap - layout.Heap:F0} KB per circuit, working set {dashboard.WorkingSet - layout.WorkingSet:F0} KB (for information)"));
        return 0;
    }
}
