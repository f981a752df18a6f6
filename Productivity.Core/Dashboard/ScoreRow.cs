namespace Productivity.Core.Dashboard;

/// <summary>
/// One employee over the range: sums of the stored daily scores, with utilization (Σ active / Σ clocked, 0 without
/// clocked time) and performance (Σ standard / Σ active, null without active time) recomputed from the sums.
/// </summary>
/// <param name="PrimaryRole">The role with most items in the range (ties: role name ascending).</param>
/// <param name="LastDay">The latest day of the range with a score (the drill-down target).</param>
/// <param name="BestDay">The day with most items.</param>
public sealed record ScoreRow(
    int EmployeeId,
    string Name,
    string? PrimaryRole,
    int Items,
    double Points,
    double ClockedMinutes,
    double ActiveMinutes,
    double Utilization,
    double? Performance,
    bool IsClockedIn,
    int DaysWorked,
    double AverageItemsPerDay,
    DateOnly LastDay,
    DateOnly BestDay,
    int BestDayItems);
