namespace Productivity.Core.TimeClock;

/// <summary>A Connecteam manual break (unpaid time inside a shift). <see cref="EndUtc"/> is null while the break is open.</summary>
public sealed class ShiftBreak
{
    public long Id { get; set; }
    public long ShiftId { get; set; }
    public required string ConnecteamBreakId { get; set; }
    public DateTime StartUtc { get; set; }
    public DateTime? EndUtc { get; set; }
}
