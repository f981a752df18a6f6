namespace Productivity.Core.TimeClock;

/// <summary>One Connecteam shift (a clock session). Instants are UTC; <see cref="ClockOutUtc"/> is null while clocked in.</summary>
public sealed class Shift
{
    public long Id { get; set; }
    public int EmployeeId { get; set; }
    public long ClockId { get; set; }
    public required string ConnecteamShiftId { get; set; }
    public DateTime ClockInUtc { get; set; }
    public DateTime? ClockOutUtc { get; set; }
    /// <summary>Site-local date of <see cref="ClockInUtc"/>: the business day the whole session belongs to.</summary>
    public DateOnly BusinessDay { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public List<ShiftBreak> Breaks { get; set; } = [];
}
