namespace Productivity.Core.Employees;

/// <summary>A person on the warehouse floor, linked to a Connecteam user when known.</summary>
public sealed class Employee
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? Email { get; set; }
    public long? ConnecteamUserId { get; set; }
    public bool IsArchived { get; set; }
    public bool IsContractor { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
}
