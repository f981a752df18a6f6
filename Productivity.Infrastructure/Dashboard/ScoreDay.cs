namespace Productivity.Infrastructure.Dashboard;

/// <summary>The columns of one stored daily score the dashboard reads.</summary>
internal sealed record ScoreDay(
    int EmployeeId,
    string Name,
    DateOnly Day,
    int Items,
    double Points,
    double ClockedMinutes,
    double ActiveMinutes,
    double StandardMinutes,
    double Utilization,
    double? Performance,
    string? PrimaryRole,
    int Sessions);
