using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Productivity.Infrastructure.Caching;
using StackExchange.Redis;

namespace Productivity.Infrastructure.Realtime;

/// <summary>A message on a relay channel, tagged with the node that published it.</summary>
public interface IRelayedMessage
{
    string Node { get; }
}

/// <summary>
/// What the live feeds (score updates, alert changes) share: fan-out to this node's subscribers, each called on a
/// snapshot of the list with its failure logged, never passed to the publisher or the other subscribers; and with
/// Redis, the relay to the other nodes over one pub/sub channel, tagged with <see cref="NodeId"/> (a node ignores its
/// own messages, so every subscriber hears every event once). Without Redis there is one node and the in-process
/// delivery is all there is. What a feed does after a Redis outage is its own (<see cref="OnConnectionRestored"/>).
/// </summary>
public abstract class RelayedFeed<TEvent, TMessage>(ILogger logger, RedisConnection? redis, string channel, string events)
    : IHostedService
    where TMessage : class, IRelayedMessage
{
    private readonly RedisChannel _channel = RedisChannel.Literal(channel);
    private readonly Lock _gate = new();
    private List<Func<TEvent, Task>> _subscribers = [];
    private ChannelMessageQueue? _queue;

    /// <summary>Identifies this process in the messages it publishes.</summary>
    public string NodeId { get; } = Guid.NewGuid().ToString("N");

    protected ILogger Logger => logger;

    protected RedisConnection? Redis => redis;

    public IDisposable Subscribe(Func<TEvent, Task> onEvent)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers, onEvent];
        }
        return new Subscription(this, onEvent);
    }

    /// <summary>Publishes <paramref name="message"/> to the other nodes; throws what Redis throws.</summary>
    protected Task RelayAsync(TMessage message) =>
        redis!.Multiplexer.GetSubscriber().PublishAsync(_channel, JsonSerializer.Serialize(message));

    protected abstract TEvent ToEvent(TMessage message);

    /// <summary>Runs on the multiplexer's event thread whenever a lost Redis connection is back.</summary>
    protected abstract void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e);

    protected async Task DeliverAsync(TEvent e)
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            try
            {
                await subscriber(e);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A subscriber to {Events} failed.", events);
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (redis is null)
        {
            return;
        }
        redis.Multiplexer.ConnectionRestored += OnConnectionRestored;
        try
        {
            _queue = await redis.Multiplexer.GetSubscriber().SubscribeAsync(_channel);
            _queue.OnMessage(OnRelayedAsync);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Could not subscribe to {Events} of other nodes: {Message}", events, ex.Message);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (redis is not null)
        {
            redis.Multiplexer.ConnectionRestored -= OnConnectionRestored;
        }
        if (_queue is not null)
        {
            await _queue.UnsubscribeAsync();
        }
    }

    private async Task OnRelayedAsync(ChannelMessage message)
    {
        TMessage? relayed;
        try
        {
            relayed = JsonSerializer.Deserialize<TMessage>((string)message.Message!);
        }
        catch (JsonException ex)
        {
            logger.LogWarning("Ignored malformed {Events} on {Channel}: {Message}", events, message.Channel, ex.Message);
            return;
        }
        if (relayed is null || relayed.Node == NodeId)
        {
            return;
        }
        await DeliverAsync(ToEvent(relayed));
    }

    private void Unsubscribe(Func<TEvent, Task> onEvent)
    {
        lock (_gate)
        {
            _subscribers = _subscribers.Where(s => s != onEvent).ToList();
        }
    }

    private sealed class Subscription(RelayedFeed<TEvent, TMessage> owner, Func<TEvent, Task> onEvent) : IDisposable
    {
        public void Dispose() => owner.Unsubscribe(onEvent);
    }
}
