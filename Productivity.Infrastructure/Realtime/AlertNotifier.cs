using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Productivity.Core.Realtime;
using Productivity.Infrastructure.Caching;
using StackExchange.Redis;

namespace Productivity.Infrastructure.Realtime;

/// <summary>
/// Fan-out of <see cref="AlertsChanged"/> to this node's subscribers (the bells of its circuits) and, with Redis, to the
/// other nodes on <see cref="Channel"/> (tagged with <see cref="NodeId"/>; a node ignores its own messages, so each
/// subscriber hears each change once). Without Redis there is one node and the in-process delivery is all there is.
/// </summary>
/// <remarks>
/// Unlike the score updates there is no cache to re-bump after a Redis outage: alerts are read from the database every
/// time. A change that could not be relayed is not kept; instead, when the connection is restored, this node's
/// subscribers get <see cref="AlertsChanged.Resync"/> and reload once, and the other nodes do the same on their own
/// restoration, so every bell is current again without replaying anything.
/// </remarks>
public sealed class AlertNotifier(ILogger<AlertNotifier> logger, RedisConnection? redis = null)
    : IAlertNotifier, IAlertFeed, IHostedService
{
    public const string Channel = "productivity:alerts";

    private static readonly RedisChannel RedisChannelName = RedisChannel.Literal(Channel);
    private readonly Lock _gate = new();
    private List<Func<AlertsChanged, Task>> _subscribers = [];
    private ChannelMessageQueue? _queue;

    public string NodeId { get; } = Guid.NewGuid().ToString("N");

    public IDisposable Subscribe(Func<AlertsChanged, Task> onChange)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers, onChange];
        }
        return new Subscription(this, onChange);
    }

    public async Task PublishAsync(AlertsChanged change, CancellationToken cancellationToken = default)
    {
        if (change.IsEmpty)
        {
            return;
        }
        await DeliverAsync(change);
        if (redis is null)
        {
            return;
        }
        try
        {
            var message = JsonSerializer.Serialize(AlertsChangedMessage.From(NodeId, change));
            await redis.Multiplexer.GetSubscriber().PublishAsync(RedisChannelName, message);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            // The other nodes' bells reload when their connection comes back (Resync); nothing to keep here.
            logger.LogWarning("Could not relay an alert change to the other nodes: {Message}", ex.Message);
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) =>
        _ = Task.Run(() => DeliverAsync(AlertsChanged.Resync(DateTimeOffset.UtcNow)));

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (redis is null)
        {
            return;
        }
        redis.Multiplexer.ConnectionRestored += OnConnectionRestored;
        try
        {
            _queue = await redis.Multiplexer.GetSubscriber().SubscribeAsync(RedisChannelName);
            _queue.OnMessage(OnRelayedAsync);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Could not subscribe to alert changes of other nodes: {Message}", ex.Message);
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
        AlertsChangedMessage? relayed;
        try
        {
            relayed = JsonSerializer.Deserialize<AlertsChangedMessage>((string)message.Message!);
        }
        catch (JsonException ex)
        {
            logger.LogWarning("Ignored a malformed alert change on {Channel}: {Message}", Channel, ex.Message);
            return;
        }
        if (relayed is null || relayed.Node == NodeId)
        {
            return;
        }
        await DeliverAsync(relayed.ToChange());
    }

    private async Task DeliverAsync(AlertsChanged change)
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            try
            {
                await subscriber(change);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "An alert change subscriber failed.");
            }
        }
    }

    private void Unsubscribe(Func<AlertsChanged, Task> onChange)
    {
        lock (_gate)
        {
            _subscribers = _subscribers.Where(s => s != onChange).ToList();
        }
    }

    private sealed class Subscription(AlertNotifier owner, Func<AlertsChanged, Task> onChange) : IDisposable
    {
        public void Dispose() => owner.Unsubscribe(onChange);
    }
}

/// <summary>The JSON published on <see cref="AlertNotifier.Channel"/>.</summary>
public sealed record AlertsChangedMessage(string Node, long[] Opened, long[] Closed, long[] Acknowledged, DateTimeOffset OccurredAt)
{
    public static AlertsChangedMessage From(string node, AlertsChanged change) =>
        new(node, [.. change.Opened], [.. change.Closed], [.. change.Acknowledged], change.OccurredAt);

    public AlertsChanged ToChange() => new(Opened ?? [], Closed ?? [], Acknowledged ?? [], OccurredAt);
}
