namespace Productivity.Core.TimeClock;

/// <summary>
/// One Connecteam shift. Instants are UTC; <see cref="ClockOutUtc"/> is null while clocked in. Shifts joined by a manual
/// break are one session (<see cref="ClockSessions"/>).
/// </summary>
public sealed class Shift
{
    public long Id { get; set; }
    public int EmployeeId { get; set; }
    public long ClockId { get; set; }
    public required string ConnecteamShiftId { get; set; }
    public DateTime ClockInUtc { get; set; }
    public DateTime? ClockOutUtc { get; set; }
    /// <summary>Site-local date of <see cref="ClockInUtc"/> (the session of a split shift belongs to its first shift's day).</summary>
    public DateOnly BusinessDay { get; set; }
    public DateTime UpdatedUtc { get; set; }
}
