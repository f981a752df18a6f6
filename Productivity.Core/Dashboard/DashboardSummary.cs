namespace Productivity.Core.Dashboard;

/// <summary>
/// The dashboard for a range of business days. The live parts (<see cref="ClockedIn"/>) are only filled when the range
/// includes today; <see cref="Hourly"/> only for a single day; <see cref="Averages"/> only for more than one day.
/// </summary>
public sealed record DashboardSummary(
    DashboardRange Range,
    bool IncludesToday,
    DashboardKpis Kpis,
    IReadOnlyList<DepartmentRow> Departments,
    IReadOnlyList<ClockedInEmployee> ClockedIn,
    IReadOnlyList<ClockEvent> ClockFeed,
    IReadOnlyList<HourlyPoint> Hourly,
    RangeAverages? Averages,
    DateTime GeneratedUtc);
