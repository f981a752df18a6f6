namespace Productivity.Core.EmployeeDays;

/// <summary>One PodFactory window of the day.</summary>
/// <param name="PodFactoryId">The PodFactory row id (idle periods name their window by it).</param>
/// <param name="Action">The PodFactory action.</param>
/// <param name="RoleName">The role of the action; null for an unknown action.</param>
/// <param name="Items">Items of the window.</param>
/// <param name="StartUtc">Window start.</param>
/// <param name="EndUtc">Window end.</param>
/// <param name="IsUnclocked">Outside every clock session: counts in items and points, not in active time or performance.</param>
public sealed record ActivityWindow(
    long PodFactoryId,
    string Action,
    string? RoleName,
    int Items,
    DateTime StartUtc,
    DateTime EndUtc,
    bool IsUnclocked);
