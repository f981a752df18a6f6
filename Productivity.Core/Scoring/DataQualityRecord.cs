namespace Productivity.Core.Scoring;

/// <summary>A stored data-quality exception of an employee's day (production outside a session, capped open shift, …).</summary>
public sealed class DataQualityRecord
{
    public long Id { get; set; }
    public int EmployeeId { get; set; }
    public DateOnly BusinessDay { get; set; }
    public DataQualityIssue Issue { get; set; }
    public required string Subject { get; set; }
    public int Items { get; set; }
    public DateTime StartUtc { get; set; }
    public DateTime EndUtc { get; set; }
}
