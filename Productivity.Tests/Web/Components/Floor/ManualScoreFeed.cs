using Productivity.Core.Realtime;

namespace Productivity.Tests.Web.Components.Floor;

/// <summary>An <see cref="IScoreUpdateFeed"/> that a test fires by hand.</summary>
public sealed class ManualScoreFeed : IScoreUpdateFeed
{
    private readonly List<Func<ScoresUpdated, Task>> _subscribers = [];

    public int SubscriberCount => _subscribers.Count;

    public IDisposable Subscribe(Func<ScoresUpdated, Task> onUpdate)
    {
        _subscribers.Add(onUpdate);
        return new Unsubscriber(() => _subscribers.Remove(onUpdate));
    }

    public async Task PublishAsync(params DateOnly[] days)
    {
        var update = new ScoresUpdated(days, [1], DateTimeOffset.UtcNow);
        foreach (var subscriber in _subscribers.ToList())
        {
            await subscriber(update);
        }
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
