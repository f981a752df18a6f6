namespace Productivity.Core.Dashboard;

/// <summary>Range mode: per-day averages over the days that have scores, and the floor's best day by items.</summary>
public sealed record RangeAverages(
    int Days,
    int DaysWithWork,
    double PeoplePerDay,
    double ItemsPerDay,
    double QcPassedPerDay,
    double PointsPerDay,
    DateOnly? BestDay,
    int BestDayItems);
