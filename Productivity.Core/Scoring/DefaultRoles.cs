namespace Productivity.Core.Scoring;

/// <summary>The five roles seeded from the table in scoring.md.</summary>
public static class DefaultRoles
{
    /// <summary>In Production, QC Passed, Picking, Labeling and Film Matching, with the spec's rates and points.</summary>
    public static IReadOnlyList<RoleDefinition> All { get; } =
    [
        new("In Production", "Heat Pressing", "Heat Press", RoleKind.Continuous, 40, 10, 1.5),
        new("QC Passed", "Packing and Shipping", "Packing", RoleKind.Continuous, 45, 10, 1.33),
        new("Picking", "Picker", "Picking", RoleKind.Batch, 200, null, 0.3),
        new("Labeling", "Labeler", "Labeling", RoleKind.Batch, 200, null, 0.3),
        new("Film Matching", "Film Matching", "Film Matching", RoleKind.Batch, 133, null, 0.45),
    ];
}
