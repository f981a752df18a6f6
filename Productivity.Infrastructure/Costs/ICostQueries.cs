using System.Security.Claims;
using Productivity.Core.Costs;
using Productivity.Core.Dashboard;

namespace Productivity.Infrastructure.Costs;

/// <summary>The labour-cost reads the pages call (<see cref="CostQueries"/>).</summary>
public interface ICostQueries
{
    Task<CostReport> GetReportAsync(ClaimsPrincipal viewer, DashboardRange range, CancellationToken cancellationToken = default);

    Task<CostEmployeePage> GetEmployeesAsync(ClaimsPrincipal viewer, DashboardRange range, CostSort sortBy, bool descending, int page,
        int pageSize, CancellationToken cancellationToken = default);

    Task<bool> MaySeeMoneyAsync(ClaimsPrincipal viewer);
}
