namespace Productivity.Core.Dashboard;

/// <summary>The score table's sortable columns.</summary>
public enum ScoreSort
{
    Name,
    PrimaryRole,
    Items,
    Points,
    Clocked,
    Active,
    Utilization,
    Performance,
    DaysWorked,
    AverageItemsPerDay,
}
