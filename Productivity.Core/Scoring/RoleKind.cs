namespace Productivity.Core.Scoring;

/// <summary>How a role's idle threshold is derived (scoring.md, "Active time of one session").</summary>
public enum RoleKind
{
    /// <summary>A steady flow of work: the idle threshold is the role's fixed <see cref="RoleDefinition.IdleThresholdMinutes"/>.</summary>
    Continuous,

    /// <summary>Work in batches: the idle threshold after a window grows with the items of that window.</summary>
    Batch,
}
