namespace Productivity.Core.Scoring;

/// <summary>The stored score of one employee's business day; every field is defined in shared/spec/scoring.md.</summary>
public sealed class DailyScore
{
    public long Id { get; set; }
    public int EmployeeId { get; set; }
    public DateOnly BusinessDay { get; set; }
    public int Items { get; set; }
    public double Points { get; set; }
    public double ClockedMinutes { get; set; }
    public double ActiveMinutes { get; set; }
    public double IdleMinutes { get; set; }
    /// <summary>active / clocked, a ratio in [0, 1] rounded to 4 decimals.</summary>
    public double Utilization { get; set; }
    public double StandardMinutes { get; set; }
    /// <summary>standard / active; null when there is no active time.</summary>
    public double? Performance { get; set; }
    public string? PrimaryRole { get; set; }
    public int UnclockedItems { get; set; }
    public int UnclockedWindows { get; set; }
    public int Sessions { get; set; }
    /// <summary>Open shifts of the day that reached the open-shift cap (a forgotten clock-out?).</summary>
    public int OpenCapped { get; set; }
    /// <summary>Clocked minutes plus paid manual breaks (labour cost's paid minutes; README, "Labour cost").</summary>
    public double PaidMinutes { get; set; }
    /// <summary>The rate of the day (<see cref="Costs.RateBook"/>); null when it has none, and then so are the costs.</summary>
    public decimal? HourlyRate { get; set; }
    /// <summary>Paid minutes / 60 × rate, rounded to cents.</summary>
    public decimal? LabourCost { get; set; }
    /// <summary>Idle minutes / 60 × rate, rounded to cents.</summary>
    public decimal? IdleCost { get; set; }
    public DateTime ComputedUtc { get; set; }

    /// <summary>The day's money, every field from the stored minutes and rate by the one rule.</summary>
    public Costs.DayCost Cost() => Costs.LabourCost.OfDay(HourlyRate, PaidMinutes, IdleMinutes, Items, StandardMinutes);
}
