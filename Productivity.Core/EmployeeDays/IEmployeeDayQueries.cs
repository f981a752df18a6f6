using System.Security.Claims;

namespace Productivity.Core.EmployeeDays;

/// <summary>One employee's business day, explained: what the employee-day page shows.</summary>
public interface IEmployeeDayQueries
{
    /// <summary>
    /// The day of an employee, or null when the employee does not exist. Throws <see cref="UnauthorizedAccessException"/>
    /// when <paramref name="viewer"/> may not see employee days.
    /// </summary>
    Task<EmployeeDayReport?> GetAsync(ClaimsPrincipal viewer, int employeeId, DateOnly day, CancellationToken cancellationToken = default);
}
