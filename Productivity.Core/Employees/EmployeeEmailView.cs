namespace Productivity.Core.Employees;

/// <summary>A PodFactory e-mail credited to an employee (only a verified one attributes production).</summary>
public sealed record EmployeeEmailView(int Id, string Email, bool IsVerified, string Source, DateTime CreatedUtc, DateTime? VerifiedUtc, string? VerifiedBy);
