namespace Productivity.Core.TimeClock;

/// <summary>
/// A Connecteam manual break as the time clock records it: an item of its own beside the shifts, usually between the
/// shift it closed and the shift it reopened (a split shift), rarely inside one (breaks created through the API).
/// Instants are UTC; <see cref="EndUtc"/> is null while the person is on the break.
/// </summary>
public sealed class ManualBreak
{
    public long Id { get; set; }
    public int EmployeeId { get; set; }
    public long ClockId { get; set; }
    public required string ConnecteamBreakId { get; set; }
    /// <summary>The break type (<c>manualBreakId</c>) of the clock's manual-break settings.</summary>
    public string? BreakTypeId { get; set; }
    /// <summary>The break type's name when the sync read it (e.g. "Lunch"); null when the types could not be read.</summary>
    public string? Name { get; set; }
    /// <summary>As Connecteam marks it; scoring treats every manual break as unpaid (spec, split shifts).</summary>
    public bool IsPaid { get; set; }
    public DateTime StartUtc { get; set; }
    public DateTime? EndUtc { get; set; }
    /// <summary>Site-local date of <see cref="StartUtc"/>: the range a sync of days replaces.</summary>
    public DateOnly BusinessDay { get; set; }
    public DateTime UpdatedUtc { get; set; }
}
