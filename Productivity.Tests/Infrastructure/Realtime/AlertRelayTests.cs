using Microsoft.Extensions.Logging.Abstractions;
using Productivity.Core.Realtime;
using Productivity.Infrastructure.Caching;
using Productivity.Infrastructure.Realtime;
using Productivity.Tests.TestSupport;
using StackExchange.Redis;

namespace Productivity.Tests.Infrastructure.Realtime;

/// <summary>
/// Two alert notifiers ("nodes") on the test Redis: a change reaches the bells of both nodes once, a malformed message
/// on the channel is ignored, and an empty change is not published at all.
/// </summary>
public sealed class AlertRelayTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly RedisConnection _redisA = new(TestEnvironment.Redis);
    private readonly RedisConnection _redisB = new(TestEnvironment.Redis);
    private AlertNotifier _nodeA = null!;
    private AlertNotifier _nodeB = null!;

    public async Task InitializeAsync()
    {
        _nodeA = new AlertNotifier(NullLogger<AlertNotifier>.Instance, _redisA);
        _nodeB = new AlertNotifier(NullLogger<AlertNotifier>.Instance, _redisB);
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
        var onA = FeedRecorder<AlertsChanged>.On(_nodeA.Subscribe);
        var onB = FeedRecorder<AlertsChanged>.On(_nodeB.Subscribe);
        var change = new AlertsChanged([7, 8], [3], [5], DateTimeOffset.UtcNow);

        await _nodeA.PublishAsync(change);

        await WaitUntilAsync(() => onB.Count == 1);
        await Task.Delay(300);
        onA.Count.ShouldBe(1);
        onB.Count.ShouldBe(1);
        onB[0].Opened.ShouldBe([7L, 8L]);
        onB[0].Closed.ShouldBe([3L]);
        onB[0].Acknowledged.ShouldBe([5L]);
        onB[0].OccurredAt.ShouldBe(change.OccurredAt);
        onB[0].AnyChange.ShouldBeFalse();
    }

    [Fact]
    public async Task Relay_MalformedMessageThenAChange_OnlyTheChangeArrives()
    {
        var onB = FeedRecorder<AlertsChanged>.On(_nodeB.Subscribe);

        await _redisA.Multiplexer.GetSubscriber().PublishAsync(RedisChannel.Literal(AlertNotifier.Channel), "{not json");
        await _nodeA.PublishAsync(new AlertsChanged([1], [], [], DateTimeOffset.UtcNow));

        await WaitUntilAsync(() => onB.Count == 1);
        onB[0].Opened.ShouldBe([1L]);
    }

    [Fact]
    public async Task Publish_EmptyChange_ReachesNobody()
    {
        var onA = FeedRecorder<AlertsChanged>.On(_nodeA.Subscribe);
        var onB = FeedRecorder<AlertsChanged>.On(_nodeB.Subscribe);

        await _nodeA.PublishAsync(new AlertsChanged([], [], [], DateTimeOffset.UtcNow));
        await _nodeA.PublishAsync(new AlertsChanged([], [2], [], DateTimeOffset.UtcNow));

        await WaitUntilAsync(() => onB.Count == 1);
        onA.Count.ShouldBe(1);
        onB[0].Closed.ShouldBe([2L]);
    }

    private static Task WaitUntilAsync(Func<bool> condition) => FeedRecorder.WaitUntilAsync(condition, Timeout);
}
