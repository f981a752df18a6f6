namespace Productivity.Core.Dashboard;

/// <summary>Someone with an open shift now; <see cref="ClockInLocal"/> is the site-local display time.</summary>
public sealed record ClockedInEmployee(int EmployeeId, string Name, DateTime ClockInUtc, DateTime ClockInLocal, string? PrimaryRole);
