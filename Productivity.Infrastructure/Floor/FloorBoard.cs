namespace Productivity.Infrastructure.Floor;

/// <summary>What the shop-floor display shows for one business day.</summary>
public sealed record FloorBoard(
    DateOnly Day,
    IReadOnlyList<FloorRow> Rows,
    int QcPassedItems,
    int DailyGoal,
    IReadOnlyList<DepartmentTotal> Departments)
{
    /// <summary>Share of the daily goal reached, 0–100 (capped; the number itself is shown uncapped).</summary>
    public double GoalPercent => DailyGoal <= 0 ? 100 : Math.Min(100, QcPassedItems * 100.0 / DailyGoal);
}
