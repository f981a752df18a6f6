namespace Productivity.Core.Costs;

/// <summary>
/// The labour-cost page's model of a range, every figure a <see cref="CostTotal"/> of stored days: the whole range, per
/// department and role (by each day's primary role; a day without one is in neither), per employee, and per day.
/// </summary>
public sealed record CostReport(
    CostTotal Total,
    IReadOnlyList<CostGroupRow> Departments,
    IReadOnlyList<CostGroupRow> Roles,
    IReadOnlyList<CostEmployeeRow> Employees,
    IReadOnlyList<CostDayRow> Days);

/// <summary>A department (<see cref="Role"/> null) or one of its roles; <see cref="Department"/> null for days without a role.</summary>
public sealed record CostGroupRow(string? Department, string? Role, CostTotal Total);

public sealed record CostEmployeeRow(int EmployeeId, string Name, CostTotal Total);

/// <summary>One day of the range (every day, also one without scores).</summary>
public sealed record CostDayRow(DateOnly Day, CostTotal Total);

public enum CostSort
{
    Name,
    LabourCost,
    IdleCost,
    IdleShare,
    CostPerItem,
    CostPerStandardHour,
    Items,
    PaidMinutes,
}

/// <summary>One page of <see cref="CostReport.Employees"/>, sorted on the server.</summary>
public sealed record CostEmployeePage(IReadOnlyList<CostEmployeeRow> Rows, int TotalCount);
