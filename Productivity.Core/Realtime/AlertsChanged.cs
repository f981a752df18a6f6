namespace Productivity.Core.Realtime;

/// <summary>
/// Alerts opened, closed or acknowledged (by id), published whenever an evaluation or a user changed any: the bell
/// reloads what its user may see. Published on every node.
/// </summary>
public sealed record AlertsChanged(
    IReadOnlyCollection<long> Opened,
    IReadOnlyCollection<long> Closed,
    IReadOnlyCollection<long> Acknowledged,
    DateTimeOffset OccurredAt)
{
    /// <summary>
    /// Anything may have changed: this node missed the other nodes' messages for a while (its Redis connection was
    /// restored), so every listener reloads once. The collections are empty.
    /// </summary>
    public bool AnyChange { get; init; }

    public static AlertsChanged Resync(DateTimeOffset occurredAt) => new([], [], [], occurredAt) { AnyChange = true };

    public bool IsEmpty => !AnyChange && Opened.Count == 0 && Closed.Count == 0 && Acknowledged.Count == 0;
}
