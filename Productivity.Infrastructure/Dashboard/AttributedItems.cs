namespace Productivity.Infrastructure.Dashboard;

/// <summary>
/// Items of a range per (employee, action), attributed to business days as the scores are. For a single day the
/// attributed windows themselves come along (start and items), for the hourly chart.
/// </summary>
internal sealed record AttributedItems(
    Dictionary<(int EmployeeId, string Action), int> Items,
    IReadOnlyList<(int EmployeeId, DateTime StartUtc, int Items)> DayWindows);
