using System.Diagnostics;
using System.Globalization;
using Productivity.Core.Scoring;

namespace Productivity.Benchmarks;

/// <summary>A plain Stopwatch loop over the same month as <see cref="CalculatorBenchmark"/>, for quick numbers.</summary>
public static class QuickCalculatorRun
{
    public static void Run(int iterations = 20, int warmups = 3)
    {
        var month = SyntheticMonth.Build(CalculatorBenchmark.EmployeeCount);
        var calculator = new ScoreCalculator(RoleTable.Default, ScoringParameters.Default, month.TimeZone);
        var rows = 0;
        for (var i = 0; i < warmups; i++)
        {
            rows = CalculatorBenchmark.ScoreAll(calculator, month);
        }

        var times = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            rows = CalculatorBenchmark.ScoreAll(calculator, month);
            times[i] = stopwatch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);

        var median = times[iterations / 2];
        var p95 = times[Math.Min(iterations - 1, (int)Math.Ceiling(iterations * 0.95) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"calculator: {month.Employees.Count} employees, {month.WindowCount:N0} windows, {rows:N0} day rows, {iterations} iterations"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median {median:F1} ms, p95 {p95:F1} ms, min {times[0]:F1} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{month.WindowCount / (median / 1000):N0} windows/s (median)"));
    }
}
