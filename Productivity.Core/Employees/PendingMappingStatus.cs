namespace Productivity.Core.Employees;

public enum PendingMappingStatus
{
    Pending,
    Approved,
    Rejected,
}
