using System.Runtime.InteropServices;

namespace Productivity.Benchmarks;

/// <summary>The machine a run was measured on: CPU model, cores, load average (the numbers depend on all three).</summary>
public static class MachineInfo
{
    public static void Print()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        Console.WriteLine($"machine: {cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}, {Environment.ProcessorCount} cores, " +
            $"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}");
        PrintLoad();
    }

    /// <summary>The 1-minute load average, or NaN where /proc is missing.</summary>
    public static double Load1() => File.Exists("/proc/loadavg")
        ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)
        : double.NaN;

    public static void PrintLoad()
    {
        if (File.Exists("/proc/loadavg"))
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            Console.WriteLine($"load average (1, 5, 15 min): {parts[0]}, {parts[1]}, {parts[2]} at {DateTime.UtcNow:HH:mm:ss} UTC");
        }
    }
}
