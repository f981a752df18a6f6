namespace Productivity.Core.Dashboard;

/// <summary>A clock-in or clock-out of the range for the clock feed; <see cref="AtLocal"/> is the site-local display time.</summary>
public sealed record ClockEvent(int EmployeeId, string Name, ClockEventKind Kind, DateTime AtUtc, DateTime AtLocal);
