namespace Productivity.Core.Scoring;

/// <summary>
/// The spec's rounding, applied once at the end: minutes and points half away from zero to 2 decimals, ratios to 4.
/// It works on exact values (ticks and decimals) because a double such as 1.00625 sits just below its midpoint.
/// </summary>
internal static class ScoreRounding
{
    private const long TicksPerHundredthMinute = TimeSpan.TicksPerMinute / 100;

    public static double Minutes(long ticks)
    {
        var hundredths = ticks >= 0
            ? (ticks + (TicksPerHundredthMinute / 2)) / TicksPerHundredthMinute
            : -((-ticks + (TicksPerHundredthMinute / 2)) / TicksPerHundredthMinute);
        return hundredths / 100.0;
    }

    public static double TwoDecimals(decimal value) => (double)Math.Round(value, 2, MidpointRounding.AwayFromZero);

    public static double Ratio(decimal value) => (double)Math.Round(value, 4, MidpointRounding.AwayFromZero);
}
