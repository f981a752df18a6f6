namespace Productivity.Core.EmployeeDays;

/// <summary>
/// An unpaid break clipped to its session; an open break (the person is on it now) ends at "now". <see cref="Name"/> is
/// the break type's, when the sync could read it.
/// </summary>
public sealed record ClockBreak(DateTime StartUtc, DateTime EndUtc, bool IsOpen, string? Name = null);
