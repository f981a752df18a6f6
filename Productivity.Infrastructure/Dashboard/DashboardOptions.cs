using Productivity.Infrastructure.Configuration;

namespace Productivity.Infrastructure.Dashboard;

public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>Items with the action "QC Passed" the floor aims for per business day (the QC KPI's goal). Default 3000.</summary>
    [SettingRange($"{SectionName}:{nameof(DailyGoal)}", 1, int.MaxValue)]
    public int DailyGoal { get; set; } = 3000;
}
