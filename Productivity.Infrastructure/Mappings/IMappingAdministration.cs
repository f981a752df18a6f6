using Productivity.Infrastructure.Sync;
using System.Security.Claims;
using Productivity.Core.Integrations;

namespace Productivity.Infrastructure.Mappings;

/// <summary>
/// Admin → Pending mappings. Every method re-checks on the server that the caller is an active Admin; every approval
/// attributes the e-mail's stored rows and recomputes the days they belong to before it returns.
/// </summary>
public interface IMappingAdministration
{
    /// <summary>The e-mails waiting for a decision, newest first, each with its employees ranked by name similarity.</summary>
    Task<IReadOnlyList<PendingMappingView>> PendingAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default);

    /// <summary>The employees an e-mail may be credited to (not archived), by name.</summary>
    Task<IReadOnlyList<EmployeeChoice>> EmployeesAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default);

    /// <summary>Approves (or reassigns) an e-mail to an employee.</summary>
    Task<MappingApproval> ApproveAsync(ClaimsPrincipal actor, string email, int employeeId, CancellationToken cancellationToken = default);

    Task RejectAsync(ClaimsPrincipal actor, string email, CancellationToken cancellationToken = default);

    /// <summary>Approves every pending e-mail whose PodFactory name equals exactly one employee's name (case-insensitive).</summary>
    Task<IReadOnlyList<MappingApproval>> ApproveExactNameMatchesAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default);

    /// <summary>Imports <c>email,connecteam_user_id</c> lines as a recorded sync run.</summary>
    Task<CsvImport> ImportCsvAsync(ClaimsPrincipal actor, Stream csv, CancellationToken cancellationToken = default);
}

public sealed record PendingMappingView(
    string Email,
    string? PodFactoryName,
    DateTime FirstSeenUtc,
    DateTime LastSeenUtc,
    int UnattributedRows,
    IReadOnlyList<MappingSuggestion> Suggestions);

/// <summary>An employee whose name resembles the PodFactory name; <see cref="Rank"/> is "likely" or "possible".</summary>
public sealed record MappingSuggestion(int EmployeeId, string Name, double Score, string Rank);

public sealed record EmployeeChoice(int Id, string Name, string? Email);

public sealed record MappingApproval(string Email, int EmployeeId, string EmployeeName, int RowsAttributed, int DaysRecomputed);

