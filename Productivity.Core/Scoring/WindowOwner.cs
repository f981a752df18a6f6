namespace Productivity.Core.Scoring;

/// <summary>
/// Where a window belongs (scoring.md "Sessions" rule 3): the business day of the first session it overlaps and that
/// session's id, or, when it overlaps none, the day of its start with no session (unclocked).
/// </summary>
public readonly record struct WindowOwner(DateOnly BusinessDay, string? SessionId)
{
    public bool IsUnclocked => SessionId is null;
}
