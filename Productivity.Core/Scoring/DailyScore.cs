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
    public DateTime ComputedUtc { get; set; }
}
