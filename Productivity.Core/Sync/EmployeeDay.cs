namespace Productivity.Core.Sync;

/// <summary>One employee's business day: the unit that scoring recomputes when its inputs change.</summary>
public readonly record struct EmployeeDay(int EmployeeId, DateOnly Day);
