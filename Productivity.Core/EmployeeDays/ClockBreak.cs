namespace Productivity.Core.EmployeeDays;

/// <summary>An unpaid break clipped to its session; an open break ends at "now".</summary>
public sealed record ClockBreak(DateTime StartUtc, DateTime EndUtc, bool IsOpen);
