using System.Security.Claims;

namespace Productivity.Infrastructure.Exceptions;

/// <summary>
/// The data-quality exceptions list (stored findings of scored days, plus unmapped PodFactory e-mails). Read-only;
/// Managers and Admins.
/// </summary>
public interface IExceptionQueries
{
    Task<ExceptionPage> SearchAsync(ClaimsPrincipal actor, ExceptionQuery query, CancellationToken cancellationToken = default);
}

/// <param name="From">First site-local business day, inclusive.</param>
/// <param name="To">Last site-local business day, inclusive.</param>
/// <param name="Kind">A <see cref="ExceptionKinds"/> value, or null for every kind.</param>
public sealed record ExceptionQuery(DateOnly? From, DateOnly? To, string? Kind, int Page, int PageSize);

public sealed record ExceptionPage(IReadOnlyList<ExceptionItem> Items, int TotalCount);

/// <param name="EmployeeId">The employee whose day it is; null for an unmapped e-mail.</param>
/// <param name="Name">The employee's name, or the PodFactory name of an unmapped e-mail.</param>
/// <param name="Day">The business day; for an unmapped e-mail, the day it was last seen.</param>
/// <param name="Subject">Window id, shift id, action name, or the unmapped e-mail.</param>
/// <param name="Items">Items of the window or action; for an unmapped e-mail, its items waiting for a mapping.</param>
public sealed record ExceptionItem(
    string Kind,
    int? EmployeeId,
    string? Name,
    DateOnly Day,
    string Subject,
    int Items,
    DateTime StartUtc,
    DateTime EndUtc);
