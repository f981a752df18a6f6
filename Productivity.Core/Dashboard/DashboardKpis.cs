namespace Productivity.Core.Dashboard;

/// <summary>The KPI cards. Sums are over the stored daily scores of the range; ratios are of the sums.</summary>
/// <param name="ClockedInNow">People with an open shift now; null when the range does not include today.</param>
/// <param name="Worked">People with at least one clock session in the range.</param>
/// <param name="QcPassedItems">Items of the action "QC Passed", attributed to business days like the scores.</param>
/// <param name="QcGoal">The configured daily goal times the days of the range.</param>
/// <param name="Utilization">Σ active / Σ clocked; 0 when nobody clocked any time.</param>
public sealed record DashboardKpis(
    int? ClockedInNow,
    int Worked,
    int Items,
    int QcPassedItems,
    int QcGoal,
    double Utilization,
    double Points,
    double ClockedHours,
    double ActiveHours);
