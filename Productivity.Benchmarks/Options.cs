using System.Globalization;

namespace Productivity.Benchmarks;

/// <summary>Reads <c>--name value</c> options of a mode's arguments.</summary>
public static class Options
{
    public static int Int(string[] args, string name, int defaultValue) =>
        Text(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : defaultValue;

    public static string? Text(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
