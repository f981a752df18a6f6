using System.Diagnostics;
using System.Globalization;

namespace Productivity.Benchmarks;

/// <summary>The wall-clock times of one measured operation over several iterations, with median and p95.</summary>
public sealed class Measurement(string name, long rows = 0)
{
    private readonly List<double> _milliseconds = [];

    public string Name { get; } = name;
    public long Rows { get; } = rows;
    public int Count => _milliseconds.Count;
    public double Median => Sorted()[Count / 2];
    public double P95 => Sorted()[Math.Min(Count - 1, (int)Math.Ceiling(Count * 0.95) - 1)];
    public double Min => Sorted()[0];
    public double RowsPerSecond => Rows / (Median / 1000);

    public void Add(TimeSpan elapsed) => _milliseconds.Add(elapsed.TotalMilliseconds);

    public async Task<T> TimeAsync<T>(Func<Task<T>> action)
    {
        var stopwatch = Stopwatch.StartNew();
        var result = await action();
        Add(stopwatch.Elapsed);
        return result;
    }

    public async Task TimeAsync(Func<Task> action)
    {
        var stopwatch = Stopwatch.StartNew();
        await action();
        Add(stopwatch.Elapsed);
    }

    public static void PrintTable(IEnumerable<Measurement> measurements)
    {
        var rows = measurements.Where(m => m.Count > 0).ToList();
        var width = Math.Max(9, rows.Max(m => m.Name.Length));
        Console.WriteLine(Invariant($"{"operation".PadRight(width)} | {"n",3} | {"median ms",10} | {"p95 ms",10} | {"min ms",10} | {"rows",9} | {"rows/s (median)",15}"));
        Console.WriteLine(new string('-', width + 74));
        foreach (var m in rows)
        {
            var perSecond = m.Rows > 0 ? Invariant($"{m.RowsPerSecond,15:N0}") : $"{"",15}";
            var count = m.Rows > 0 ? Invariant($"{m.Rows,9:N0}") : $"{"",9}";
            Console.WriteLine(Invariant($"{m.Name.PadRight(width)} | {m.Count,3} | {m.Median,10:F1} | {m.P95,10:F1} | {m.Min,10:F1} | {count} | {perSecond}"));
        }
    }

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private List<double> Sorted() => _milliseconds.Count == 0
        ? throw new InvalidOperationException($"{Name} has no samples.")
        : [.. _milliseconds.Order()];
}
