namespace Productivity.Core.Costs;

/// <summary>
/// Money summed over any group of employee-days (employees, roles, departments, days). Only days with a rate are
/// costed: their labour and idle cost (each already rounded, so a total equals the sum of the rows exported), items,
/// paid and standard minutes are summed; days without a rate are counted apart so a screen can say they are missing.
/// </summary>
public readonly record struct CostTotal(
    decimal LabourCost,
    decimal IdleCost,
    int Items,
    double PaidMinutes,
    double StandardMinutes,
    int CostedDays,
    int UncostedDays)
{
    /// <summary>Adds one stored day (its cost fields null when it has no rate).</summary>
    public CostTotal Add(decimal? labourCost, decimal? idleCost, int items, double paidMinutes, double standardMinutes) =>
        labourCost is { } labour
            ? this with
            {
                LabourCost = LabourCost + labour,
                IdleCost = IdleCost + (idleCost ?? 0),
                Items = Items + items,
                PaidMinutes = PaidMinutes + paidMinutes,
                StandardMinutes = StandardMinutes + standardMinutes,
                CostedDays = CostedDays + 1,
            }
            : this with { UncostedDays = UncostedDays + 1 };

    public CostTotal Add(CostTotal other) => new(
        LabourCost + other.LabourCost, IdleCost + other.IdleCost, Items + other.Items, PaidMinutes + other.PaidMinutes,
        StandardMinutes + other.StandardMinutes, CostedDays + other.CostedDays, UncostedDays + other.UncostedDays);

    /// <summary>Idle cost / labour cost, a ratio in [0, 1]; null when nothing is costed.</summary>
    public double? IdleShare => LabourCost > 0 ? (double)Math.Round(IdleCost / LabourCost, 4, MidpointRounding.AwayFromZero) : null;

    /// <summary>Labour cost / items of the costed days; null when they have no items.</summary>
    public decimal? CostPerItem => CostedDays > 0 && Items > 0 ? Costs.LabourCost.Money(LabourCost / Items) : null;

    /// <summary>Labour cost / standard hours of the costed days; null when they have no standard minutes.</summary>
    public decimal? CostPerStandardHour =>
        CostedDays > 0 && StandardMinutes > 0 ? Costs.LabourCost.Money(LabourCost / ((decimal)StandardMinutes / 60m)) : null;
}
