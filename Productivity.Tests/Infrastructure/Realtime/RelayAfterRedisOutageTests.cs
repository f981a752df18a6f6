using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Productivity.Core.Dashboard;
using Productivity.Core.Realtime;
using Productivity.Infrastructure.Caching;
using Productivity.Infrastructure.Configuration;
using Productivity.Infrastructure.Dashboard;
using Productivity.Infrastructure.Realtime;
using Productivity.Tests.Faults;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Infrastructure.Realtime;

/// <summary>
/// Two notifiers ("nodes") on a Redis of the test's own; one of them reaches it through a proxy the test cuts, as a
/// network blip cuts one node off while Redis itself (and its keys) stays. The node cut off while publishing relays
/// its updates once it is back, and bumps their days, so a model cached before the blip is not served again; the node
/// cut off while listening has its pages reload once.
/// </summary>
[Trait("Category", "Faults")]
public sealed class RelayAfterRedisOutageTests : IAsyncLifetime
{
    private static readonly DateOnly Day = new(2026, 12, 7);
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(30);
    private PrivateRedis _redis = null!;
    private CuttableProxy _proxy = null!;
    private RedisConnection _viaProxy = null!;
    private RedisConnection _direct = null!;
    private DashboardCache _proxiedCache = null!;
    private DashboardCache _directCache = null!;
    private ScoreUpdateNotifier _proxied = null!;
    private ScoreUpdateNotifier _directNode = null!;

    public async Task InitializeAsync()
    {
        _redis = await PrivateRedis.StartAsync();
        _proxy = new CuttableProxy("127.0.0.1", _redis.Port);
        _viaProxy = new RedisConnection($"127.0.0.1:{_proxy.Port}");
        _direct = new RedisConnection(_redis.ConnectionString);
        _proxiedCache = Cache(_viaProxy);
        _directCache = Cache(_direct);
        _proxied = new ScoreUpdateNotifier(NullLogger<ScoreUpdateNotifier>.Instance, _viaProxy, _proxiedCache);
        _directNode = new ScoreUpdateNotifier(NullLogger<ScoreUpdateNotifier>.Instance, _direct, _directCache);
        await _proxied.StartAsync(CancellationToken.None);
        await _directNode.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _proxied.StopAsync(CancellationToken.None);
        await _directNode.StopAsync(CancellationToken.None);
        _viaProxy.Dispose();
        _direct.Dispose();
        await _proxy.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task PublisherCutOff_RelaysItsUpdatesAndBumpsTheirDays_OnceBack()
    {
        var before = await ModelKeyAsync(_directCache);
        var heard = FeedRecorder<ScoresUpdated>.On(_directNode.Subscribe);
        _proxy.Cut();

        // What a recompute does: bump the day, then publish. Both miss Redis.
        await _proxiedCache.BumpAsync([Day]);
        await _proxied.PublishAsync(new ScoresUpdated([Day], [7], DateTimeOffset.UtcNow));
        await _proxied.PublishAsync(new ScoresUpdated([Day.AddDays(-1)], [8], DateTimeOffset.UtcNow));

        _proxied.HasUnrelayedUpdates.ShouldBeTrue();
        (await ModelKeyAsync(_directCache)).ShouldBe(before, "the bump reached Redis although the node was cut off");
        heard.Snapshot().ShouldBeEmpty();

        _proxy.Restore();
        await FeedRecorder.WaitUntilAsync(() => heard.Count > 0, Reconnect);

        var relayed = heard.Snapshot().ShouldHaveSingleItem();
        relayed.AnyDay.ShouldBeFalse();
        relayed.Days.ShouldBe([Day.AddDays(-1), Day]);
        relayed.EmployeeIds.ShouldBe([7, 8]);
        (await ModelKeyAsync(_directCache)).ShouldNotBe(before, "a model cached before the outage would be served again");
        _proxied.HasUnrelayedUpdates.ShouldBeFalse();
    }

    [Fact]
    public async Task ListenerCutOff_ReloadsItsPagesOnce_OnceBack()
    {
        var heard = FeedRecorder<ScoresUpdated>.On(_proxied.Subscribe);
        _proxy.Cut();

        // Another node's update, published while this one cannot hear it; pub/sub keeps nothing for it.
        await _directNode.PublishAsync(new ScoresUpdated([Day], [7], DateTimeOffset.UtcNow));
        await Task.Delay(300);
        heard.Snapshot().ShouldBeEmpty();

        _proxy.Restore();
        await FeedRecorder.WaitUntilAsync(() => heard.Count > 0, Reconnect);

        heard.Snapshot().ShouldAllBe(update => update.AnyDay);
        heard[0].Touches(7, Day).ShouldBeTrue();
    }

    [Fact]
    public async Task RelayedUpdate_IsNotRelayedAgain_AfterAnOutage()
    {
        var heard = FeedRecorder<ScoresUpdated>.On(_directNode.Subscribe);
        await _proxied.PublishAsync(new ScoresUpdated([Day], [7], DateTimeOffset.UtcNow));
        await FeedRecorder.WaitUntilAsync(() => heard.Count == 1, TimeSpan.FromSeconds(5));

        _proxy.Cut();
        await Task.Delay(300);
        _proxy.Restore();
        await FeedRecorder.WaitUntilAsync(() => _viaProxy.Multiplexer.IsConnected, Reconnect);
        await Task.Delay(1000);

        heard.Count.ShouldBe(1);
        _proxied.HasUnrelayedUpdates.ShouldBeFalse();
    }

    /// <summary>The cache key of the day's model: it names the versions of the day and the day before.</summary>
    private static Task<string> ModelKeyAsync(DashboardCache cache) =>
        cache.ModelKeyAsync(new DashboardRange(Day, Day), CancellationToken.None);

    private static DashboardCache Cache(RedisConnection redis) =>
        new(new ResilientDistributedCache(
                new RedisCache(Options.Create(new RedisCacheOptions
                {
                    InstanceName = "productivity:",
                    ConnectionMultiplexerFactory = () => Task.FromResult(redis.Multiplexer),
                })),
                TimeProvider.System,
                NullLogger<ResilientDistributedCache>.Instance),
            new MemoryCache(new MemoryCacheOptions()),
            new StartupSettings(new DatabaseOptions(), "", "Data Source=relay-outage-test.db", null, TimeZoneInfo.Utc, false, false));


}
