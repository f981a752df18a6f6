namespace Productivity.Core.Employees;

/// <summary>One row of the employee list.</summary>
/// <param name="LastScoredDay">The latest business day with a score, if any.</param>
public sealed record EmployeeListItem(
    int Id,
    string Name,
    string? Email,
    long? ConnecteamUserId,
    bool IsArchived,
    bool IsContractor,
    int VerifiedEmails,
    int UnverifiedEmails,
    bool IsClockedIn,
    DateOnly? LastScoredDay,
    AttentionReasons Attention);
