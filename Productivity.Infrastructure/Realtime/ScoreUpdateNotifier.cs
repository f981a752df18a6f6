using Microsoft.Extensions.Logging;
using Productivity.Core.Realtime;

namespace Productivity.Infrastructure.Realtime;

/// <summary>
/// In-process fan-out of score updates to subscribers (Blazor circuits, the hub bridge). Each subscriber is called on a
/// snapshot of the list and its failure is logged, never passed to the publisher or the other subscribers.
/// </summary>
public sealed class ScoreUpdateNotifier(ILogger<ScoreUpdateNotifier> logger) : IScoreUpdateNotifier, IScoreUpdateFeed
{
    private readonly Lock _gate = new();
    private List<Func<ScoresUpdated, Task>> _subscribers = [];

    public IDisposable Subscribe(Func<ScoresUpdated, Task> onUpdate)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers, onUpdate];
        }
        return new Subscription(this, onUpdate);
    }

    public async Task PublishAsync(ScoresUpdated update, CancellationToken cancellationToken = default)
    {
        var snapshot = Volatile.Read(ref _subscribers);
        foreach (var subscriber in snapshot)
        {
            try
            {
                await subscriber(update);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A score update subscriber failed.");
            }
        }
    }

    private void Unsubscribe(Func<ScoresUpdated, Task> onUpdate)
    {
        lock (_gate)
        {
            _subscribers = _subscribers.Where(s => s != onUpdate).ToList();
        }
    }

    private sealed class Subscription(ScoreUpdateNotifier owner, Func<ScoresUpdated, Task> onUpdate) : IDisposable
    {
        public void Dispose() => owner.Unsubscribe(onUpdate);
    }
}
