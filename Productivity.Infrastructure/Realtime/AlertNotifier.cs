using Microsoft.Extensions.Logging;
using Productivity.Core.Realtime;
using Productivity.Infrastructure.Caching;
using StackExchange.Redis;

namespace Productivity.Infrastructure.Realtime;

/// <summary>
/// Fan-out of <see cref="AlertsChanged"/> to this node's subscribers (the bells of its circuits) and, with Redis, to the
/// other nodes on <see cref="Channel"/> (<see cref="RelayedFeed{TEvent, TMessage}"/>).
/// </summary>
/// <remarks>
/// Unlike the score updates there is no cache to re-bump after a Redis outage: alerts are read from the database every
/// time. A change that could not be relayed is not kept; instead, when the connection is restored, this node's
/// subscribers get <see cref="AlertsChanged.Resync"/> and reload once, and the other nodes do the same on their own
/// restoration, so every bell is current again without replaying anything.
/// </remarks>
public sealed class AlertNotifier(ILogger<AlertNotifier> logger, RedisConnection? redis = null)
    : RelayedFeed<AlertsChanged, AlertsChangedMessage>(logger, redis, Channel, "alert changes"), IAlertNotifier, IAlertFeed
{
    public const string Channel = "productivity:alerts";

    public async Task PublishAsync(AlertsChanged change, CancellationToken cancellationToken = default)
    {
        if (change.IsEmpty)
        {
            return;
        }
        await DeliverAsync(change);
        if (Redis is null)
        {
            return;
        }
        try
        {
            await RelayAsync(AlertsChangedMessage.From(NodeId, change));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            // The other nodes' bells reload when their connection comes back (Resync); nothing to keep here.
            Logger.LogWarning("Could not relay an alert change to the other nodes: {Message}", ex.Message);
        }
    }

    protected override AlertsChanged ToEvent(AlertsChangedMessage message) => message.ToChange();

    protected override void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) =>
        _ = Task.Run(() => DeliverAsync(AlertsChanged.Resync(DateTimeOffset.UtcNow)));
}

/// <summary>The JSON published on <see cref="AlertNotifier.Channel"/>.</summary>
public sealed record AlertsChangedMessage(string Node, long[] Opened, long[] Closed, long[] Acknowledged, DateTimeOffset OccurredAt)
    : IRelayedMessage
{
    public static AlertsChangedMessage From(string node, AlertsChanged change) =>
        new(node, [.. change.Opened], [.. change.Closed], [.. change.Acknowledged], change.OccurredAt);

    public AlertsChanged ToChange() => new(Opened ?? [], Closed ?? [], Acknowledged ?? [], OccurredAt);
}
