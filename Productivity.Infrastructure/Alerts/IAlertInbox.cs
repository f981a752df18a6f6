using System.Security.Claims;
using Productivity.Core.Alerts;

namespace Productivity.Infrastructure.Alerts;

/// <summary>
/// The alerts one user may see (the bell and the history page) and their acknowledgement. Every call decides visibility
/// again from the database as it is now (the caller's account and roles, the rules' roles told), never from what a
/// circuit saw earlier: see <see cref="AlertAudience"/> for the rule.
/// </summary>
public interface IAlertInbox
{
    /// <summary>The open alerts the caller may see, newest first, at most <paramref name="limit"/> of them, with the counts.</summary>
    Task<OpenAlerts> OpenAsync(ClaimsPrincipal viewer, int limit, CancellationToken cancellationToken = default);

    /// <summary>Every alert the caller may see that the query selects, newest first, a page at a time.</summary>
    Task<AlertHistoryPage> HistoryAsync(ClaimsPrincipal viewer, AlertHistoryQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records that the caller has seen the alert (who, when). Once only: a second acknowledgement, by anyone, changes
    /// nothing and answers with the first. Refused (<see cref="Security.AccessDeniedException"/>) for a caller who may not
    /// see the alert.
    /// </summary>
    Task<AcknowledgeResult> AcknowledgeAsync(ClaimsPrincipal viewer, long alertId, CancellationToken cancellationToken = default);
}

/// <param name="Items">The newest open alerts the caller may see (as many as asked for).</param>
/// <param name="OpenCount">Every open alert the caller may see.</param>
/// <param name="UnacknowledgedCount">Of those, the ones nobody has acknowledged yet: what still needs someone.</param>
public sealed record OpenAlerts(IReadOnlyList<AlertItem> Items, int OpenCount, int UnacknowledgedCount)
{
    public static readonly OpenAlerts None = new([], 0, 0);
}

public enum AlertStateFilter
{
    Any,
    Open,
    Closed,
    Acknowledged,
    NotAcknowledged,
}

/// <param name="Kind">One kind, or null for every kind the caller may see.</param>
/// <param name="EmployeeId">Alerts about this employee only.</param>
/// <param name="From">First site-local day the alert opened on, inclusive.</param>
/// <param name="To">Last site-local day the alert opened on, inclusive.</param>
public sealed record AlertHistoryQuery(
    AlertKind? Kind = null,
    AlertStateFilter State = AlertStateFilter.Any,
    int? EmployeeId = null,
    DateOnly? From = null,
    DateOnly? To = null,
    int Page = 0,
    int PageSize = 25);

public sealed record AlertHistoryPage(IReadOnlyList<AlertItem> Items, int TotalCount);

/// <summary>One alert as the bell and the history show it: the stored numbers and the employee's name (data, not text).</summary>
public sealed record AlertItem(
    long Id,
    AlertKind Kind,
    AlertTarget Target,
    int? EmployeeId,
    string? EmployeeName,
    DateOnly? BusinessDay,
    string? Reference,
    double Measure,
    double Limit,
    int? Count,
    DateTime? SinceUtc,
    DateTime OpenedUtc,
    DateTime? ClosedUtc,
    string? AcknowledgedByName,
    DateTime? AcknowledgedUtc)
{
    public bool IsOpen => ClosedUtc is null;
    public bool IsAcknowledged => AcknowledgedUtc is not null;
}

public enum AcknowledgeOutcome
{
    Acknowledged,
    AlreadyAcknowledged,
    NotFound,
}

/// <param name="Alert">The alert after the call (null when not found); its acknowledgement is the first one.</param>
public sealed record AcknowledgeResult(AcknowledgeOutcome Outcome, AlertItem? Alert);
