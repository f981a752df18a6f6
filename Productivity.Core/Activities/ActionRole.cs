using Productivity.Core.Scoring;

namespace Productivity.Core.Activities;

/// <summary>The role a PodFactory action is scored under (editable data; seeded from the spec's table).</summary>
public sealed class ActionRole
{
    public int Id { get; set; }
    /// <summary>The PodFactory <c>action</c> value, matched exactly.</summary>
    public required string Action { get; set; }
    public required string RoleName { get; set; }
    public required string Department { get; set; }
    public RoleKind Kind { get; set; }
    /// <summary>Standard rate in items per hour.</summary>
    public double ExpectedPerHour { get; set; }
    /// <summary>Allowed gap after a window, in minutes (continuous roles only).</summary>
    public double? IdleThresholdMinutes { get; set; }
    public double PointsPerItem { get; set; }
    public DateTime UpdatedUtc { get; set; }

    public RoleDefinition ToDefinition() =>
        new(Action, RoleName, Department, Kind, ExpectedPerHour, IdleThresholdMinutes, PointsPerItem);
}
