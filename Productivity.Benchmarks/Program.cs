using System.Globalization;
using BenchmarkDotNet.Running;
using Productivity.Benchmarks;

var mode = args.Length > 0 ? args[0] : "";
var iterations = args.SkipWhile(a => a != "--iterations").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault();

switch (mode)
{
    case "dashboard":
        await DashboardBenchmark.RunAsync(args[1..]);
        return;
    case "costs":
        MachineInfo.Print();
        await CostsBenchmark.RunAsync(args[1..]);
        return;
    case "fanout":
        Environment.ExitCode = await FanoutBenchmark.RunAsync(args[1..]);
        return;
    case "push":
        MachineInfo.Print();
        Environment.ExitCode = await PushBenchmark.RunAsync(args[1..]);
        MachineInfo.PrintLoad();
        return;
    case "alertbell":
        MachineInfo.Print();
        Environment.ExitCode = await AlertBellBenchmark.RunAsync(args[1..]);
        MachineInfo.PrintLoad();
        return;
    case "webhook":
        MachineInfo.Print();
        Environment.ExitCode = await WebhookBenchmark.RunAsync(args[1..]);
        MachineInfo.PrintLoad();
        return;
    case "circuits":
        MachineInfo.Print();
        Environment.ExitCode = await CircuitMemoryBenchmark.RunAsync(args[1..]);
        MachineInfo.PrintLoad();
        return;
    case BrowserDriver.Mode:
        Environment.ExitCode = await BrowserDriver.RunAsync(args[1..]);
        return;
    case "calculator" when args.Contains("--quick"):
        QuickCalculatorRun.Run();
        return;
    case "calculator":
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
    case "ingest":
        MachineInfo.Print();
        await IngestBenchmark.RunAsync(iterations > 0 ? iterations : 5, args.Contains("--stages"));
        MachineInfo.PrintLoad();
        return;
    case "poll":
        MachineInfo.Print();
        await PollBenchmark.RunAsync(iterations > 0 ? iterations : 50);
        MachineInfo.PrintLoad();
        return;
    case "connecteam-day":
        MachineInfo.Print();
        await ConnecteamDayBenchmark.RunAsync(iterations > 0 ? iterations : 10);
        MachineInfo.PrintLoad();
        return;
    case "recompute":
        MachineInfo.Print();
        await RecomputeBenchmark.RunAsync(iterations > 0 ? iterations : 10,
            Options.Int(args, "--employees", RecomputeBenchmark.DefaultEmployees), args.Contains("--telemetry"));
        MachineInfo.PrintLoad();
        return;
    case "export":
        if (!args.Contains("--child"))
        {
            MachineInfo.Print();
        }
        Environment.ExitCode = await ExportBenchmark.RunAsync(args[1..], iterations > 0 ? iterations : 10);
        if (!args.Contains("--child"))
        {
            MachineInfo.PrintLoad();
        }
        return;
    case "alerts":
        MachineInfo.Print();
        Environment.ExitCode = await AlertsBenchmark.RunAsync(iterations > 0 ? iterations : 30,
            Options.Int(args, "--employees", AlertsBenchmark.DefaultEmployees));
        MachineInfo.PrintLoad();
        return;
    case "api":
        if (!args.Contains("--child"))
        {
            MachineInfo.Print();
        }
        Environment.ExitCode = await ApiBenchmark.RunAsync(args[1..]);
        if (!args.Contains("--child"))
        {
            MachineInfo.PrintLoad();
        }
        return;
    case "signin":
        MachineInfo.Print();
        await SignInBenchmark.RunAsync(iterations > 0 ? iterations : 40);
        MachineInfo.PrintLoad();
        return;
    case "--help" or "-h" or "help" or "":
        Console.WriteLine(Usage.Text);
        return;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(CalculatorBenchmark).Assembly).Run(args);
        return;
}
