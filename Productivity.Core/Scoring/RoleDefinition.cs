namespace Productivity.Core.Scoring;

/// <summary>
/// The role that one PodFactory action stands for (scoring.md, "Roles"). Roles are editable data; the seeded
/// defaults are <see cref="DefaultRoles.All"/>.
/// </summary>
/// <param name="Action">The PodFactory action name, matched exactly (ordinal, case-sensitive).</param>
/// <param name="RoleName">The role shown on screens and used for the primary role of a day.</param>
/// <param name="Department">The department the role belongs to.</param>
/// <param name="Kind">Continuous or batch: decides the idle threshold.</param>
/// <param name="ExpectedPerHour">Expected items per hour (&gt; 0); one item is worth 60 / expected standard minutes.</param>
/// <param name="IdleThresholdMinutes">Continuous roles: the allowed gap after a window, in minutes. Null for batch roles.</param>
/// <param name="PointsPerItem">Points earned per item (≈ 60 / expected, so one point ≈ one standard minute).</param>
public sealed record RoleDefinition(
    string Action,
    string RoleName,
    string Department,
    RoleKind Kind,
    double ExpectedPerHour,
    double? IdleThresholdMinutes,
    double PointsPerItem);
