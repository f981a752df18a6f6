namespace Productivity.Core.EmployeeDays;

/// <summary>
/// The trended fields of a score. For a team median each field is the median over the employees scored that day;
/// utilization only over those with clocked time, performance only over those with active time.
/// </summary>
public sealed record TrendValues(double Items, double Points, double? Utilization, double? Performance);
