namespace Productivity.Core.Scoring;

/// <summary>
/// An employee-day's items and windows of one action, as the recompute attributed them: derived data, replaced with the
/// day's score, so the dashboard sums a few rows per person instead of scanning the day's windows.
/// </summary>
public sealed class DailyActionTotal
{
    public int EmployeeId { get; set; }
    public DateOnly BusinessDay { get; set; }
    public string Action { get; set; } = "";
    public int Items { get; set; }
    public int Windows { get; set; }
}
