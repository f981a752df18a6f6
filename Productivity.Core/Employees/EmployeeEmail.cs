namespace Productivity.Core.Employees;

/// <summary>
/// A PodFactory e-mail credited to an employee. Only verified mappings attribute production; an employee may have
/// several (one per station login).
/// </summary>
public sealed class EmployeeEmail
{
    public int Id { get; set; }
    public int EmployeeId { get; set; }
    /// <summary>Lower-case, trimmed; unique across employees.</summary>
    public required string Email { get; set; }
    public bool IsVerified { get; set; }
    public required string Source { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? VerifiedUtc { get; set; }
    public string? VerifiedBy { get; set; }
}
