namespace Productivity.Core.EmployeeDays;

/// <summary>One day of a trend: the employee's values and the team median (null when nobody, or not the employee, was scored).</summary>
public sealed record TrendDay(DateOnly Day, TrendValues? Employee, TrendValues? TeamMedian);
