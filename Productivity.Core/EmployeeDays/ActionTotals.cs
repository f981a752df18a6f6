namespace Productivity.Core.EmployeeDays;

/// <summary>One action's share of a day.</summary>
/// <param name="Action">The PodFactory action.</param>
/// <param name="RoleName">Its role; null for an unknown action (0 points, 0 standard minutes).</param>
/// <param name="Windows">Windows of the action, clocked and unclocked.</param>
/// <param name="Items">Items of those windows.</param>
/// <param name="StandardMinutes">Σ over clocked windows of items × 60 / expected per hour, rounded to 2 decimals.</param>
/// <param name="Points">Σ items × points per item, rounded to 2 decimals.</param>
public sealed record ActionTotals(string Action, string? RoleName, int Windows, int Items, double StandardMinutes, double Points);
