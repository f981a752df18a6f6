namespace Productivity.Core.Dashboard;

/// <summary>
/// One department of the range (the department of each action's role). Hours are each person's clocked hours split
/// across departments by their standard minutes there, so a person who picked and labelled counts in both.
/// </summary>
/// <param name="ItemsPerHour">Items / hours; null without hours.</param>
/// <param name="ExpectedPerHour">The roles' expected rate for these items (items / standard hours); null for unknown actions.</param>
public sealed record DepartmentRow(string Department, int Items, int Headcount, double Hours, double? ItemsPerHour, double? ExpectedPerHour)
{
    /// <summary>The department of actions that have no role.</summary>
    public const string Unassigned = "Unassigned";
}
