namespace Productivity.Infrastructure.Dashboard;

/// <summary>The columns of one stored shift the dashboard reads.</summary>
internal sealed record ShiftSpan(long Id, int EmployeeId, DateTime ClockInUtc, DateTime? ClockOutUtc, DateOnly BusinessDay);
