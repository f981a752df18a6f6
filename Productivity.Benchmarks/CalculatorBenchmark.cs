using BenchmarkDotNet.Attributes;
using Productivity.Core.Scoring;

namespace Productivity.Benchmarks;

/// <summary>Scores a synthetic month of 500 employees (about 550,000 windows), one calculator call per employee.</summary>
[MemoryDiagnoser]
// BenchmarkDotNet generates a type that derives from the benchmark class, so it cannot be sealed.
public class CalculatorBenchmark
{
    public const int EmployeeCount = 500;

    private SyntheticMonth _month = null!;
    private ScoreCalculator _calculator = null!;

    [GlobalSetup]
    public void Setup()
    {
        _month = SyntheticMonth.Build(EmployeeCount);
        _calculator = new ScoreCalculator(RoleTable.Default, ScoringParameters.Default, _month.TimeZone);
    }

    [Benchmark]
    public int ScoreMonth() => ScoreAll(_calculator, _month);

    public static int ScoreAll(ScoreCalculator calculator, SyntheticMonth month)
    {
        var rows = 0;
        foreach (var employee in month.Employees)
        {
            rows += calculator.Calculate(employee.Shifts, employee.Windows, month.NowUtc).Count;
        }
        return rows;
    }
}
