using System.Globalization;
using BenchmarkDotNet.Running;
using Productivity.Benchmarks;

if (args.Length > 0 && args[0] == "dashboard")
{
    await DashboardBenchmark.RunAsync(args[1..]);
    return;
}

if (args.Length > 0 && args[0] == "fanout")
{
    Environment.ExitCode = await FanoutBenchmark.RunAsync(args[1..]);
    return;
}

if (args.Length > 0 && args[0] == "calculator")
{
    if (args.Contains("--quick"))
    {
        QuickCalculatorRun.Run();
        return;
    }
    var summary = BenchmarkRunner.Run<CalculatorBenchmark>(args: args[1..]);
    var windows = SyntheticMonth.Build(CalculatorBenchmark.EmployeeCount).WindowCount;
    foreach (var report in summary.Reports)
    {
        if (report.ResultStatistics is { } statistics)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{report.BenchmarkCase.Descriptor.WorkloadMethod.Name}: {windows:N0} windows, {windows / (statistics.Mean / 1e9):N0} windows/s (mean)"));
        }
    }
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(CalculatorBenchmark).Assembly).Run(args);
