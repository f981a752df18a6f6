namespace Productivity.Core.Employees;

/// <summary>The employee page: identity, flags, PodFactory e-mails, link suggestions and the latest scored days.</summary>
public sealed record EmployeeDetails
{
    public required int Id { get; init; }
    public required string Name { get; init; }
    public required string? Email { get; init; }
    public required long? ConnecteamUserId { get; init; }
    public required bool IsArchived { get; init; }
    public required bool IsContractor { get; init; }
    public required bool IsClockedIn { get; init; }
    public required AttentionReasons Attention { get; init; }
    public required IReadOnlyList<EmployeeEmailView> Emails { get; init; }

    /// <summary>Only for an employee without a Connecteam link: other employees that have one and a similar name.</summary>
    public required IReadOnlyList<ConnecteamSuggestion> ConnecteamSuggestions { get; init; }

    /// <summary>Pending PodFactory e-mails whose PodFactory name resembles the employee's, best first.</summary>
    public required IReadOnlyList<EmailSuggestion> EmailSuggestions { get; init; }

    /// <summary>The latest scored days, newest first.</summary>
    public required IReadOnlyList<RecentDay> RecentDays { get; init; }
}
