using Microsoft.Extensions.Logging;
using Productivity.Core.Realtime;
using Productivity.Infrastructure.Caching;
using Productivity.Infrastructure.Dashboard;
using StackExchange.Redis;

namespace Productivity.Infrastructure.Realtime;

/// <summary>
/// Fan-out of score updates to subscribers (Blazor circuits, the hub bridge) and, with Redis, to the other nodes (and
/// from the command line) on <see cref="Channel"/> (<see cref="RelayedFeed{TEvent, TMessage}"/>).
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
    : RelayedFeed<ScoresUpdated, ScoreUpdateMessage>(logger, redis, Channel, "score updates"), IScoreUpdateNotifier, IScoreUpdateFeed
{
    public const string Channel = "productivity:scores";

    private readonly Lock _gate = new();
    private ScoresUpdated? _unrelayed;
    private int _relaying;

    public async Task PublishAsync(ScoresUpdated update, CancellationToken cancellationToken = default)
    {
        await DeliverAsync(update);
        if (Redis is null)
        {
            return;
        }
        // Disconnected now: the publish may still go out from the client's backlog once Redis is back, but the version
        // bump before it was most likely dropped, so the update is relayed again on reconnection all the same.
        if (!Redis.Multiplexer.IsConnected)
        {
            Remember(update);
        }
        try
        {
            await RelayAsync(ScoreUpdateMessage.From(NodeId, update));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            // Redis down: this node's pages are current; the others hear it when the connection is restored.
            Logger.LogWarning("Could not relay a score update to the other nodes: {Message}", ex.Message);
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
        if (Redis is null || Interlocked.Exchange(ref _relaying, 1) == 1)
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
                await Redis.Multiplexer.GetDatabase().PingAsync();
                if (dashboardCache is not null)
                {
                    await dashboardCache.BumpAsync(update.Days);
                }
                await RelayAsync(ScoreUpdateMessage.From(NodeId, update));
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
            {
                Logger.LogWarning("Could not relay the score updates of the Redis outage yet: {Message}", ex.Message);
                Remember(update);
                return;
            }
            Logger.LogInformation("Relayed the score updates of the Redis outage: {Days} days, {Employees} employees.",
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
    protected override void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) =>
        // Off the multiplexer's event thread: both await.
        _ = Task.Run(async () =>
        {
            Logger.LogInformation("Redis connection restored ({Connection}); open pages reload once.", e.ConnectionType);
            await DeliverAsync(ScoresUpdated.Resync(DateTimeOffset.UtcNow));
            await RelayUnrelayedAsync();
        });

    protected override ScoresUpdated ToEvent(ScoreUpdateMessage message) => message.ToUpdate();
}
