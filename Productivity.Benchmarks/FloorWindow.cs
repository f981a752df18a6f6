namespace Productivity.Benchmarks;

/// <summary>One PodFactory window (UTC); <see cref="Action"/> indexes <see cref="SyntheticFloor.Actions"/>.</summary>
public sealed record FloorWindow(int Employee, int Action, int Items, DateTime StartUtc, DateTime EndUtc, DateTime CreatedUtc)
{
    public string ActionName => SyntheticFloor.Actions[Action];
}
