using Productivity.Core.Dashboard;

namespace Productivity.Infrastructure.Floor;

/// <summary>
/// One leaderboard line: today's stored score of one employee, with items per station and clock status (clocked in,
/// and the break they are on now, if any).
/// </summary>
public sealed record FloorRow(
    int Rank,
    int EmployeeId,
    string Name,
    int Items,
    double Points,
    double? ItemsPerMinute,
    IReadOnlyList<StationCount> Stations,
    bool ClockedIn,
    OnBreak? OnBreak = null);
