using System.Diagnostics;
using System.Globalization;

namespace Productivity.Benchmarks;

/// <summary>
/// Wall clock, this process's CPU time and, when <see cref="ServerPidVariable"/> names a local database server
/// process, that process's CPU time (from /proc). CPU time is what an operation costs whatever else the machine runs.
/// </summary>
public readonly record struct CpuSnapshot(long Timestamp, TimeSpan Client, TimeSpan? Server)
{
    public const string ServerPidVariable = "PRODUCTIVITY_BENCH_SERVER_PID";

    private static readonly string? ServerStat =
        Environment.GetEnvironmentVariable(ServerPidVariable) is { Length: > 0 } pid && File.Exists($"/proc/{pid}/stat") ? $"/proc/{pid}/stat" : null;

    public static bool HasServer => ServerStat is not null;

    public static CpuSnapshot Take()
    {
        using var process = Process.GetCurrentProcess();
        return new CpuSnapshot(Stopwatch.GetTimestamp(), process.TotalProcessorTime, ServerCpu());
    }

    private static TimeSpan? ServerCpu()
    {
        if (ServerStat is null)
        {
            return null;
        }
        // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th, in clock ticks.
        var text = File.ReadAllText(ServerStat);
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }
}
