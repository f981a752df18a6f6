namespace Productivity.Core.Costs;

/// <summary>
/// The labour-cost definitions (README, "Labour cost"), the one implementation. Money is computed from the day's stored
/// minutes (the scoring spec's values) with no intermediate rounding and rounded half away from zero to 2 decimals at
/// the end; every ratio of a group is a ratio of its sums, never an average of ratios.
/// </summary>
public static class LabourCost
{
    /// <summary>The cost fields of one employee's day; all null when the day has no rate.</summary>
    public static DayCost OfDay(decimal? hourlyRate, double paidMinutes, double idleMinutes, int items, double standardMinutes)
    {
        if (hourlyRate is not { } rate)
        {
            return DayCost.None;
        }
        var labour = (decimal)paidMinutes / 60m * rate;
        return new DayCost(
            rate,
            Money(labour),
            Money((decimal)idleMinutes / 60m * rate),
            items > 0 ? Money(labour / items) : null,
            standardMinutes > 0 ? Money(labour / ((decimal)standardMinutes / 60m)) : null);
    }

    /// <summary>Half away from zero to 2 decimals: 0.125 → 0.13.</summary>
    public static decimal Money(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}

/// <summary>One day's money: the rate it was paid at, labour and idle cost, cost per item and per standard hour.</summary>
public sealed record DayCost(decimal? HourlyRate, decimal? LabourCost, decimal? IdleCost, decimal? CostPerItem, decimal? CostPerStandardHour)
{
    public static readonly DayCost None = new(null, null, null, null, null);
}
