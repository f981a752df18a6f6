using Productivity.Core.Realtime;

namespace Productivity.Infrastructure.Realtime;

/// <summary>The JSON published on <see cref="ScoreUpdateNotifier.Channel"/>: an update and the node that published it.</summary>
public sealed record ScoreUpdateMessage(string Node, DateOnly[] Days, int[] EmployeeIds, DateTimeOffset OccurredAt)
    : IRelayedMessage
{
    public static ScoreUpdateMessage From(string node, ScoresUpdated update) =>
        new(node, [.. update.Days], [.. update.EmployeeIds], update.OccurredAt);

    public ScoresUpdated ToUpdate() => new(Days, EmployeeIds, OccurredAt);
}
