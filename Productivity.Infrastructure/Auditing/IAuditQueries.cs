using System.Security.Claims;
using Productivity.Core.Auditing;

namespace Productivity.Infrastructure.Auditing;

/// <summary>Admin → Audit log: every administrative change, newest first, filtered and paged on the server. Admin only.</summary>
public interface IAuditQueries
{
    Task<AuditEntryPage> SearchAsync(ClaimsPrincipal actor, AuditQuery query, CancellationToken cancellationToken = default);
}

/// <param name="Person">Part of the actor's name (case-insensitive).</param>
/// <param name="Kind">An <see cref="AuditKinds"/> value, or null for every kind.</param>
/// <param name="From">First site-local day, inclusive.</param>
/// <param name="To">Last site-local day, inclusive.</param>
public sealed record AuditQuery(string? Person, string? Kind, DateOnly? From, DateOnly? To, int Page, int PageSize);

public sealed record AuditEntryPage(IReadOnlyList<AuditEntry> Items, int TotalCount);
