namespace Productivity.Core.Employees;

public enum EmployeeFilter
{
    Active,
    Archived,
    /// <summary>Active employees with at least one <see cref="AttentionReasons"/> reason.</summary>
    NeedsAttention,
    All,
}
