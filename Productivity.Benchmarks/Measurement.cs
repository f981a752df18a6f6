using System.Diagnostics;
using System.Globalization;

namespace Productivity.Benchmarks;

/// <summary>The wall-clock times of one measured operation over several iterations, with median and p95.</summary>
public sealed class Measurement(string name, long rows = 0)
{
    private readonly List<double> _milliseconds = [];
    private readonly List<double> _clientCpu = [];
    private readonly List<double> _serverCpu = [];

    public string Name { get; } = name;
    public long Rows { get; } = rows;
    public int Count => _milliseconds.Count;
    public double Median => Sorted()[Count / 2];
    public double P95 => Sorted()[Math.Min(Count - 1, (int)Math.Ceiling(Count * 0.95) - 1)];
    public double Min => Sorted()[0];
    public double RowsPerSecond => Rows / (Median / 1000);

    /// <summary>Median CPU milliseconds of this process and of the database server (NaN when not measured).</summary>
    public double ClientCpu => MedianOf(_clientCpu);
    public double ServerCpu => MedianOf(_serverCpu);

    /// <summary>Records the time from <paramref name="start"/> to now; returns the wall milliseconds.</summary>
    public double Add(CpuSnapshot start)
    {
        var end = CpuSnapshot.Take();
        var wall = Stopwatch.GetElapsedTime(start.Timestamp, end.Timestamp).TotalMilliseconds;
        _milliseconds.Add(wall);
        _clientCpu.Add((end.Client - start.Client).TotalMilliseconds);
        if (start.Server is { } serverStart && end.Server is { } serverEnd)
        {
            _serverCpu.Add((serverEnd - serverStart).TotalMilliseconds);
        }
        return wall;
    }

    public async Task<T> TimeAsync<T>(Func<Task<T>> action)
    {
        var start = CpuSnapshot.Take();
        var result = await action();
        Add(start);
        return result;
    }

    public static void PrintTable(IEnumerable<Measurement> measurements)
    {
        var rows = measurements.Where(m => m.Count > 0).ToList();
        var width = Math.Max(9, rows.Max(m => m.Name.Length));
        Console.WriteLine(Invariant($"{"operation".PadRight(width)} | {"n",3} | {"median ms",10} | {"p95 ms",10} | {"min ms",10} | {"rows",9} | {"rows/s (median)",15} | {"CPU ms: ours",12} | {"db server",9}"));
        Console.WriteLine(new string('-', width + 101));
        foreach (var m in rows)
        {
            var perSecond = m.Rows > 0 ? Invariant($"{m.RowsPerSecond,15:N0}") : $"{"",15}";
            var count = m.Rows > 0 ? Invariant($"{m.Rows,9:N0}") : $"{"",9}";
            var server = double.IsNaN(m.ServerCpu) ? $"{"-",9}" : Invariant($"{m.ServerCpu,9:F0}");
            Console.WriteLine(Invariant(
                $"{m.Name.PadRight(width)} | {m.Count,3} | {m.Median,10:F1} | {m.P95,10:F1} | {m.Min,10:F1} | {count} | {perSecond} | {m.ClientCpu,12:F0} | {server}"));
        }
    }

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static double MedianOf(List<double> values) => values.Count == 0 ? double.NaN : values.Order().ElementAt(values.Count / 2);

    private List<double> Sorted() => _milliseconds.Count == 0
        ? throw new InvalidOperationException($"{Name} has no samples.")
        : [.. _milliseconds.Order()];
}
