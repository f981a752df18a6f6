namespace Productivity.Core.Employees;

/// <summary>A scored day of an employee, for the links to the employee-day page.</summary>
public sealed record RecentDay(DateOnly Day, int Items, double Points, double Utilization, double? Performance);
