using System.Security.Claims;

namespace Productivity.Core.Employees;

/// <summary>
/// The employees screens (Lead, Manager, Admin). Each method throws <see cref="UnauthorizedAccessException"/> when
/// <c>viewer</c> may not see employees.
/// </summary>
public interface IEmployeeQueries
{
    Task<EmployeeListPage> SearchAsync(ClaimsPrincipal viewer, EmployeeListQuery query, CancellationToken cancellationToken = default);

    /// <summary>One employee with mappings, suggestions and recent days; null when the employee does not exist.</summary>
    Task<EmployeeDetails?> GetAsync(ClaimsPrincipal viewer, int employeeId, CancellationToken cancellationToken = default);
}
