namespace Productivity.Core.Employees;

public sealed record EmployeeListPage(IReadOnlyList<EmployeeListItem> Items, int TotalCount);
