namespace Productivity.Core.Dashboard;

/// <summary>
/// Someone clocked in now; <see cref="ClockInLocal"/> is the site-local display time of the session's first clock-in,
/// <see cref="OnBreak"/> the break they are on, if any (on a break counts as clocked in, not as idle).
/// </summary>
public sealed record ClockedInEmployee(int EmployeeId, string Name, DateTime ClockInUtc, DateTime ClockInLocal, string? PrimaryRole,
    OnBreak? OnBreak = null);

/// <summary>A manual break someone is on now: since when (UTC and site-local) and its type's name, if known.</summary>
public sealed record OnBreak(DateTime SinceUtc, DateTime SinceLocal, string? Name);
