namespace Productivity.Core.Scoring;

/// <summary>A stored idle period of an employee's day: derived data, replaced on every recompute of that day.</summary>
public sealed class IdlePeriodRecord
{
    public long Id { get; set; }
    public int EmployeeId { get; set; }
    public DateOnly BusinessDay { get; set; }
    public long ShiftId { get; set; }
    public DateTime StartUtc { get; set; }
    public DateTime EndUtc { get; set; }
    public double GapMinutes { get; set; }
    public double AllowanceMinutes { get; set; }
    public double ExcessMinutes { get; set; }
    public IdleRule Rule { get; set; }
    public long? WindowPodFactoryId { get; set; }
    public string? WindowAction { get; set; }
    public int? WindowItems { get; set; }
}
