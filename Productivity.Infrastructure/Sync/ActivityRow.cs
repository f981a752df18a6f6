using Productivity.Core.Activities;

namespace Productivity.Infrastructure.Sync;

/// <summary>The stored columns of one activity row, as ingestion writes them (<see cref="ActivityRows"/>).</summary>
public sealed record ActivityRow(
    long PodFactoryId,
    int? EmployeeId,
    string Email,
    string? UserName,
    string? UserRole,
    string Action,
    int ItemsCount,
    DateTime WindowStartUtc,
    DateTime WindowEndUtc,
    DateTime SourceCreatedUtc,
    DateTime UpdatedUtc)
{
    public bool SameContentAs(ActivityRow other) =>
        EmployeeId == other.EmployeeId && Email == other.Email && UserName == other.UserName && UserRole == other.UserRole
        && Action == other.Action && ItemsCount == other.ItemsCount && WindowStartUtc == other.WindowStartUtc
        && WindowEndUtc == other.WindowEndUtc && SourceCreatedUtc == other.SourceCreatedUtc;

    public ActivityRecord ToRecord() => new()
    {
        PodFactoryId = PodFactoryId,
        EmployeeId = EmployeeId,
        Email = Email,
        UserName = UserName,
        UserRole = UserRole,
        Action = Action,
        ItemsCount = ItemsCount,
        WindowStartUtc = WindowStartUtc,
        WindowEndUtc = WindowEndUtc,
        SourceCreatedUtc = SourceCreatedUtc,
        UpdatedUtc = UpdatedUtc,
    };
}
