namespace Productivity.Core.Scoring;

/// <summary>
/// An employee's items in one hour of a business day (hours counted from the day's local midnight; a window that starts
/// before it counts in the first), from the windows the recompute attributed to that day: derived data, replaced with
/// the day's score. A row means the employee was active in that hour, even with no items.
/// </summary>
public sealed class DailyHourTotal
{
    public int EmployeeId { get; set; }
    public DateOnly BusinessDay { get; set; }
    public int Hour { get; set; }
    public int Items { get; set; }
}
