using Microsoft.Extensions.Logging.Abstractions;
using Productivity.Core.Realtime;
using Productivity.Infrastructure.Caching;
using Productivity.Infrastructure.Realtime;
using Productivity.Tests.TestSupport;
using StackExchange.Redis;

namespace Productivity.Tests.Infrastructure.Realtime;

/// <summary>Two notifiers ("nodes") on the test Redis: every update reaches every subscriber of every node exactly once.</summary>
public sealed class ScoreUpdateRelayTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly RedisConnection _redisA = new(TestEnvironment.Redis);
    private readonly RedisConnection _redisB = new(TestEnvironment.Redis);
    private ScoreUpdateNotifier _nodeA = null!;
    private ScoreUpdateNotifier _nodeB = null!;

    public async Task InitializeAsync()
    {
        _nodeA = new ScoreUpdateNotifier(NullLogger<ScoreUpdateNotifier>.Instance, _redisA);
        _nodeB = new ScoreUpdateNotifier(NullLogger<ScoreUpdateNotifier>.Instance, _redisB);
        await _nodeA.StartAsync(CancellationToken.None);
        await _nodeB.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _nodeA.StopAsync(CancellationToken.None);
        await _nodeB.StopAsync(CancellationToken.None);
        _redisA.Dispose();
        _redisB.Dispose();
    }

    [Fact]
    public async Task Publish_OnNodeA_ReachesSubscribersOfBothNodesOnce()
    {
        var onA = FeedRecorder<ScoresUpdated>.On(_nodeA.Subscribe);
        var onB = FeedRecorder<ScoresUpdated>.On(_nodeB.Subscribe);
        var update = new ScoresUpdated([new DateOnly(2025, 12, 10)], [3, 4], DateTimeOffset.UtcNow);

        await _nodeA.PublishAsync(update);

        await WaitUntilAsync(() => onB.Count == 1);
        await Task.Delay(300);
        onA.Count.ShouldBe(1);
        onB.Count.ShouldBe(1);
        onB[0].Days.ShouldBe(update.Days);
        onB[0].EmployeeIds.ShouldBe(update.EmployeeIds);
        onB[0].OccurredAt.ShouldBe(update.OccurredAt);
    }

    [Fact]
    public async Task Publish_ManyUpdates_ArriveOnTheOtherNodeInOrder()
    {
        var onB = FeedRecorder<ScoresUpdated>.On(_nodeB.Subscribe);

        for (var i = 1; i <= 20; i++)
        {
            await _nodeA.PublishAsync(new ScoresUpdated([new DateOnly(2025, 12, 10)], [i], DateTimeOffset.UtcNow));
        }

        await WaitUntilAsync(() => onB.Count == 20);
        onB.Snapshot().Select(u => u.EmployeeIds.Single()).ShouldBe(Enumerable.Range(1, 20));
    }

    [Fact]
    public async Task Relay_MalformedMessage_IsIgnored()
    {
        var onB = FeedRecorder<ScoresUpdated>.On(_nodeB.Subscribe);

        await _redisA.Multiplexer.GetSubscriber().PublishAsync(RedisChannel.Literal(ScoreUpdateNotifier.Channel), "not json");
        await _nodeA.PublishAsync(new ScoresUpdated([new DateOnly(2025, 12, 10)], [1], DateTimeOffset.UtcNow));

        await WaitUntilAsync(() => onB.Count == 1);
    }

    [Fact]
    public async Task Publish_RedisUnreachable_StillReachesLocalSubscribers()
    {
        using var unreachable = new RedisConnection("127.0.0.1:1,connectTimeout=200");
        var node = new ScoreUpdateNotifier(NullLogger<ScoreUpdateNotifier>.Instance, unreachable);
        await node.StartAsync(CancellationToken.None);
        var local = FeedRecorder<ScoresUpdated>.On(node.Subscribe);

        await node.PublishAsync(new ScoresUpdated([new DateOnly(2025, 12, 10)], [1], DateTimeOffset.UtcNow));

        local.Count.ShouldBe(1);
    }

    private static Task WaitUntilAsync(Func<bool> condition) => FeedRecorder.WaitUntilAsync(condition, Timeout);
}
