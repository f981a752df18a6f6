namespace Productivity.Core.Integrations;

/// <summary>
/// One <c>report_actions</c> row as read, times in UTC. Fields are nullable because the source is not ours:
/// the sync validates each row and rejects (and reports) the ones that cannot be scored.
/// </summary>
public sealed record PodFactoryRow(
    long Id,
    string? UserEmail,
    string? UserName,
    string? UserRole,
    string? Action,
    int? ItemsCount,
    DateTime? WindowStartUtc,
    DateTime? WindowEndUtc,
    DateTime CreatedUtc);
