using Microsoft.Extensions.Configuration;
using Productivity.Infrastructure.Configuration;

namespace Productivity.Infrastructure.Jobs;

/// <summary>
/// How often the frequent syncs run: <c>Jobs:ShiftSyncMinutes</c> (default 5) and <c>Jobs:PodFactorySyncSeconds</c>
/// (default 10). Tests shorten them; production keeps the defaults (Connecteam's request budget is sized for the
/// first; the second puts a new PodFactory row on the dashboards within seconds, and an idle poll costs one indexed
/// query on PodFactory's database and a few milliseconds here: README, Performance).
/// </summary>
public sealed record JobIntervals(TimeSpan Shifts, TimeSpan PodFactory)
{
    public const int DefaultPodFactorySeconds = 10;

    public static JobIntervals Read(IConfiguration configuration) => new(
        TimeSpan.FromMinutes(ReadPositive(configuration, "Jobs:ShiftSyncMinutes", 5)),
        TimeSpan.FromSeconds(ReadPositive(configuration, "Jobs:PodFactorySyncSeconds", DefaultPodFactorySeconds)));

    private static int ReadPositive(IConfiguration configuration, string key, int defaultValue)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return defaultValue;
        }
        return int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ConfigurationException($"{key} must be a positive whole number (got '{text}').");
    }
}
