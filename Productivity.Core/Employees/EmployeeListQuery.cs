namespace Productivity.Core.Employees;

/// <summary>A page of the employee list: <paramref name="Search"/> matches name or e-mail; <paramref name="Page"/> is zero-based.</summary>
public sealed record EmployeeListQuery(string? Search, EmployeeFilter Filter, int Page, int PageSize, bool Descending = false);
