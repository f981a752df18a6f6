using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Productivity.Core.Realtime;
using Productivity.Infrastructure.Caching;
using Productivity.Infrastructure.Dashboard;
using StackExchange.Redis;

namespace Productivity.Infrastructure.Realtime;

/// <summary>
/// Fan-out of score updates to subscribers (Blazor circuits, the hub bridge). Each subscriber is called on a snapshot
/// of the list and its failure is logged, never passed to the publisher or the other subscribers.
/// With Redis configured every update is also published on <see cref="Channel"/>, tagged with this process's
/// <see cref="NodeId"/>, and updates published by other nodes (or the command line) are delivered to the local
/// subscribers; a node ignores its own messages, so every subscriber sees every update exactly once.
/// </summary>
/// <remarks>
/// An update published while Redis is away reaches this node's pages only, and the day-version bump that preceded it
/// (<see cref="DashboardCache.BumpAsync"/>) was dropped too: a Redis that comes back with its data would serve the
/// models of before the outage again. So the node keeps what it could not relay (merged into one update: days and
/// employees) and, once the connection is restored, bumps those days again and relays it: the other nodes' open pages
/// catch up without waiting for the next change; and a node whose connection is restored has its own pages reload once,
/// for the updates of other nodes it missed (record 0027).
/// </remarks>
public sealed class ScoreUpdateNotifier(ILogger<ScoreUpdateNotifier> logger, RedisConnection? redis = null, DashboardCache? dashboardCache = null)
    : IScoreUpdateNotifier, IScoreUpdateFeed, IHostedService
{
    public const string Channel = "productivity:scores";

    private static readonly RedisChannel RedisChannelName = RedisChannel.Literal(Channel);
    private readonly Lock _gate = new();
    private List<Func<ScoresUpdated, Task>> _subscribers = [];
    private ChannelMessageQueue? _queue;
    private ScoresUpdated? _unrelayed;
    private int _relaying;

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
        // Disconnected now: the publish may still go out from the client's backlog once Redis is back, but the version
        // bump before it was most likely dropped, so the update is relayed again on reconnection all the same.
        if (!redis.Multiplexer.IsConnected)
        {
            Remember(update);
        }
        try
        {
            var message = JsonSerializer.Serialize(ScoreUpdateMessage.From(NodeId, update));
            await redis.Multiplexer.GetSubscriber().PublishAsync(RedisChannelName, message);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            // Redis down: this node's pages are current; the others hear it when the connection is restored.
            logger.LogWarning("Could not relay a score update to the other nodes: {Message}", ex.Message);
            Remember(update);
        }
    }

    /// <summary>Whether updates wait to be relayed once Redis is back (for tests and diagnostics).</summary>
    public bool HasUnrelayedUpdates
    {
        get
        {
            lock (_gate)
            {
                return _unrelayed is not null;
            }
        }
    }

    /// <summary>
    /// Bumps the days of the updates Redis missed and relays them as one update (to this node's pages too: their
    /// cached models may carry the versions Redis came back with). Runs on every restored connection; a no-op when
    /// nothing waits. If Redis is not answering yet, the updates wait for the next restoration.
    /// </summary>
    public async Task RelayUnrelayedAsync()
    {
        if (redis is null || Interlocked.Exchange(ref _relaying, 1) == 1)
        {
            return;
        }
        try
        {
            ScoresUpdated? update;
            lock (_gate)
            {
                update = _unrelayed;
                _unrelayed = null;
            }
            if (update is null)
            {
                return;
            }
            try
            {
                // The cache drops writes it cannot make, so the bump is only worth doing once Redis answers.
                await redis.Multiplexer.GetDatabase().PingAsync();
                if (dashboardCache is not null)
                {
                    await dashboardCache.BumpAsync(update.Days);
                }
                await redis.Multiplexer.GetSubscriber().PublishAsync(RedisChannelName,
                    JsonSerializer.Serialize(ScoreUpdateMessage.From(NodeId, update)));
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
            {
                logger.LogWarning("Could not relay the score updates of the Redis outage yet: {Message}", ex.Message);
                Remember(update);
                return;
            }
            logger.LogInformation("Relayed the score updates of the Redis outage: {Days} days, {Employees} employees.",
                update.Days.Count, update.EmployeeIds.Count);
            await DeliverAsync(update);
        }
        finally
        {
            Volatile.Write(ref _relaying, 0);
        }
    }

    private void Remember(ScoresUpdated update)
    {
        lock (_gate)
        {
            _unrelayed = _unrelayed is null
                ? update
                : new ScoresUpdated(
                    _unrelayed.Days.Union(update.Days).Order().ToList(),
                    _unrelayed.EmployeeIds.Union(update.EmployeeIds).Order().ToList(),
                    update.OccurredAt > _unrelayed.OccurredAt ? update.OccurredAt : _unrelayed.OccurredAt);
        }
    }

    /// <summary>
    /// After an outage both halves of the catch-up run: this node's pages reload once (<see cref="ScoresUpdated.Resync"/>:
    /// other nodes' updates of the outage never reached it, and pub/sub keeps nothing), and this node relays what the
    /// others missed. Either order ends current: a page that reloads before the other node's bump hears its relay after.
    /// </summary>
    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) =>
        // Off the multiplexer's event thread: both await.
        _ = Task.Run(async () =>
        {
            logger.LogInformation("Redis connection restored ({Connection}); open pages reload once.", e.ConnectionType);
            await DeliverAsync(ScoresUpdated.Resync(DateTimeOffset.UtcNow));
            await RelayUnrelayedAsync();
        });

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
            logger.LogWarning("Could not subscribe to score updates of other nodes: {Message}", ex.Message);
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
