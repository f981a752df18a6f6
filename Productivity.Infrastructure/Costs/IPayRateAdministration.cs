using System.Security.Claims;
using Productivity.Core.Costs;
using Productivity.Core.Sync;
using Productivity.Infrastructure.Sync;

namespace Productivity.Infrastructure.Costs;

/// <summary>The pay-rate use cases the pages call (<see cref="PayRateAdministration"/>).</summary>
public interface IPayRateAdministration
{
    Task<IReadOnlyList<PayRate>> EmployeeRatesAsync(ClaimsPrincipal actor, int employeeId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<PayRate>> RoleRatesAsync(ClaimsPrincipal actor, string roleName, CancellationToken cancellationToken = default);

    Task<IReadOnlyCollection<EmployeeDay>> AddEmployeeRateAsync(ClaimsPrincipal actor, int employeeId, decimal hourlyRate, DateOnly effectiveFrom,
        CancellationToken cancellationToken = default);

    Task<IReadOnlyCollection<EmployeeDay>> AddRoleRateAsync(ClaimsPrincipal actor, string roleName, decimal hourlyRate, DateOnly effectiveFrom,
        CancellationToken cancellationToken = default);

    Task<IReadOnlyCollection<EmployeeDay>> RemoveRateAsync(ClaimsPrincipal actor, long rateId, CancellationToken cancellationToken = default);

    Task<CsvImport> ImportCsvAsync(ClaimsPrincipal actor, Stream csv, CancellationToken cancellationToken = default);
}
