using Microsoft.Extensions.Configuration;
using Productivity.Infrastructure.Configuration;

namespace Productivity.Infrastructure.Jobs;

/// <summary>
/// How often the frequent syncs run: <c>Jobs:ShiftSyncMinutes</c> (default 5; a decimal is allowed, so the fault suite can
/// watch several scheduled runs through a Connecteam outage in seconds) and <c>Jobs:PodFactorySyncSeconds</c>
/// (default 10). Tests shorten them; production keeps the defaults (Connecteam's request budget is sized for the
/// first; the second puts a new PodFactory row on the dashboards within seconds, and an idle poll costs one indexed
/// query on PodFactory's database and a few milliseconds here: README, Performance).
/// </summary>
public sealed record JobIntervals(TimeSpan Shifts, TimeSpan PodFactory)
{
    public const int DefaultPodFactorySeconds = 10;

    public static JobIntervals Read(IConfiguration configuration) => new(
        TimeSpan.FromMinutes(ReadPositiveMinutes(configuration, "Jobs:ShiftSyncMinutes", 5)),
        TimeSpan.FromSeconds(ReadPositive(configuration, "Jobs:PodFactorySyncSeconds", DefaultPodFactorySeconds)));

    private static double ReadPositiveMinutes(IConfiguration configuration, string key, int defaultValue)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return defaultValue;
        }
        // At least a second: a shorter interval would only queue misfires.
        return double.TryParse(text, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value * 60 >= 1
            ? value
            : throw new ConfigurationException($"{key} must be a positive number of minutes, at least 1 second (got '{text}').");
    }

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
