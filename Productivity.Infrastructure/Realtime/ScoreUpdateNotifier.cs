using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Productivity.Core.Realtime;
using Productivity.Infrastructure.Caching;
using StackExchange.Redis;

namespace Productivity.Infrastructure.Realtime;

/// <summary>
/// Fan-out of score updates to subscribers (Blazor circuits, the hub bridge). Each subscriber is called on a snapshot
/// of the list and its failure is logged, never passed to the publisher or the other subscribers.
/// With Redis configured every update is also published on <see cref="Channel"/>, tagged with this process's
/// <see cref="NodeId"/>, and updates published by other nodes (or the command line) are delivered to the local
/// subscribers; a node ignores its own messages, so every subscriber sees every update exactly once.
/// </summary>
public sealed class ScoreUpdateNotifier(ILogger<ScoreUpdateNotifier> logger, RedisConnection? redis = null)
    : IScoreUpdateNotifier, IScoreUpdateFeed, IHostedService
{
    public const string Channel = "productivity:scores";

    private static readonly RedisChannel RedisChannelName = RedisChannel.Literal(Channel);
    private readonly Lock _gate = new();
    private List<Func<ScoresUpdated, Task>> _subscribers = [];
    private ChannelMessageQueue? _queue;

    /// <summary>Identifies this process in the messages it publishes.</summary>
    public string NodeId { get; } = Guid.NewGuid().ToString("N");

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
        await DeliverAsync(update);
        if (redis is null)
        {
            return;
        }
        try
        {
            var message = JsonSerializer.Serialize(ScoreUpdateMessage.From(NodeId, update));
            await redis.Multiplexer.GetSubscriber().PublishAsync(RedisChannelName, message);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            // Redis down: this node's pages are current; other nodes catch up with their next update.
            logger.LogWarning("Could not relay a score update to the other nodes: {Message}", ex.Message);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (redis is null)
        {
            return;
        }
        try
        {
            _queue = await redis.Multiplexer.GetSubscriber().SubscribeAsync(RedisChannelName);
            _queue.OnMessage(OnRelayedAsync);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Could not subscribe to score updates of other nodes: {Message}", ex.Message);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_queue is not null)
        {
            await _queue.UnsubscribeAsync();
        }
    }

    private async Task OnRelayedAsync(ChannelMessage message)
    {
        ScoreUpdateMessage? relayed;
        try
        {
            relayed = JsonSerializer.Deserialize<ScoreUpdateMessage>((string)message.Message!);
        }
        catch (JsonException ex)
        {
            logger.LogWarning("Ignored a malformed score update on {Channel}: {Message}", Channel, ex.Message);
            return;
        }
        if (relayed is null || relayed.Node == NodeId)
        {
            return;
        }
        await DeliverAsync(relayed.ToUpdate());
    }

    private async Task DeliverAsync(ScoresUpdated update)
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
