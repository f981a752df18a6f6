namespace Productivity.Core.Activities;

/// <summary>One PodFactory <c>report_actions</c> row: a person's items for one action in one ~10-minute window (UTC).</summary>
public sealed class ActivityRecord
{
    public long Id { get; set; }
    /// <summary>The PodFactory row id; the upsert key.</summary>
    public long PodFactoryId { get; set; }
    /// <summary>Null until the e-mail is mapped to an employee through a verified mapping.</summary>
    public int? EmployeeId { get; set; }
    public required string Email { get; set; }
    public string? UserName { get; set; }
    public string? UserRole { get; set; }
    public required string Action { get; set; }
    public int ItemsCount { get; set; }
    public DateTime WindowStartUtc { get; set; }
    public DateTime WindowEndUtc { get; set; }
    public DateTime SourceCreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }

    /// <summary>
    /// The business day the last recompute attributed the window to (scoring.md "Sessions" rule 3), so that every
    /// screen groups stored facts instead of deciding again; null until the employee's day has been scored.
    /// </summary>
    public DateOnly? BusinessDay { get; set; }

    /// <summary>The owning session's id (its first shift's), or null when the window is unclocked (or not yet scored).</summary>
    public long? SessionId { get; set; }
}
