using Productivity.Core.Realtime;

namespace Productivity.Tests.Web.Components.Dashboard;

/// <summary>An <see cref="IScoreUpdateFeed"/> whose updates the test sends, recording who is subscribed.</summary>
public sealed class FakeScoreUpdateFeed : IScoreUpdateFeed
{
    private readonly List<Func<ScoresUpdated, Task>> _subscribers = [];

    public int Subscribers
    {
        get
        {
            lock (_subscribers)
            {
                return _subscribers.Count;
            }
        }
    }

    public IDisposable Subscribe(Func<ScoresUpdated, Task> onUpdate)
    {
        lock (_subscribers)
        {
            _subscribers.Add(onUpdate);
        }
        return new Unsubscriber(() =>
        {
            lock (_subscribers)
            {
                _subscribers.Remove(onUpdate);
            }
        });
    }

    public async Task PublishAsync(params DateOnly[] days)
    {
        List<Func<ScoresUpdated, Task>> snapshot;
        lock (_subscribers)
        {
            snapshot = [.. _subscribers];
        }
        foreach (var subscriber in snapshot)
        {
            await subscriber(new ScoresUpdated(days, [1], DateTimeOffset.UtcNow));
        }
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
