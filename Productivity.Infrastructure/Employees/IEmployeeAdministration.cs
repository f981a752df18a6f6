using System.Security.Claims;
using Productivity.Core.Sync;
using Productivity.Infrastructure.Security;

namespace Productivity.Infrastructure.Employees;

/// <summary>
/// Admin changes to employees. Every method re-checks on the server that the caller is an active Admin (else
/// <see cref="UnauthorizedAccessException"/>), refuses with <see cref="AdminActionRefusedException"/>, and writes
/// exactly one audit entry per change (none when nothing changes).
/// </summary>
public interface IEmployeeAdministration
{
    /// <summary>Credits a PodFactory e-mail (verified), attributes its stored rows and recomputes those days.</summary>
    Task<IReadOnlyCollection<EmployeeDay>> AddEmailAsync(ClaimsPrincipal actor, int employeeId, string email, CancellationToken cancellationToken = default);

    /// <summary>Verifies an e-mail awaiting verification, attributes its stored rows and recomputes those days.</summary>
    Task<IReadOnlyCollection<EmployeeDay>> VerifyEmailAsync(ClaimsPrincipal actor, int employeeId, int emailId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes an e-mail: its rows credited to the employee become unattributed again (the e-mail returns to the pending
    /// queue) and those days are recomputed.
    /// </summary>
    Task<IReadOnlyCollection<EmployeeDay>> RemoveEmailAsync(ClaimsPrincipal actor, int employeeId, int emailId, CancellationToken cancellationToken = default);

    Task SetArchivedAsync(ClaimsPrincipal actor, int employeeId, bool archived, CancellationToken cancellationToken = default);

    Task SetContractorAsync(ClaimsPrincipal actor, int employeeId, bool contractor, CancellationToken cancellationToken = default);

    /// <summary>Links (or, with null, unlinks) the employee's Connecteam user id; an id another employee holds is refused.</summary>
    Task SetConnecteamUserIdAsync(ClaimsPrincipal actor, int employeeId, long? connecteamUserId, CancellationToken cancellationToken = default);
}
