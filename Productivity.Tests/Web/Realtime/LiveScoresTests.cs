using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Productivity.Core.Realtime;
using Productivity.Infrastructure.Realtime;
using Productivity.Web.Realtime;

namespace Productivity.Tests.Web.Realtime;

public sealed class LiveScoresTests
{
    private static readonly DateOnly Dec10 = new(2025, 12, 10);

    private readonly ScoreUpdateNotifier _feed = new(NullLogger<ScoreUpdateNotifier>.Instance);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 12, 10, 18, 0, 0, TimeSpan.Zero));
    private int _refreshes;

    private LiveScores Listen(Func<ScoresUpdated, bool> matters) =>
        new(_feed, _time, matters, () =>
        {
            Interlocked.Increment(ref _refreshes);
            return Task.CompletedTask;
        });

    [Fact]
    public async Task AMatchingUpdate_Refreshes_AndOthersDoNot()
    {
        using var live = Listen(u => u.Days.Contains(Dec10));

        await _feed.PublishAsync(new ScoresUpdated([Dec10.AddDays(1)], [1], _time.GetUtcNow()));
        await Task.Delay(100);
        Volatile.Read(ref _refreshes).ShouldBe(0);

        await _feed.PublishAsync(new ScoresUpdated([Dec10], [1], _time.GetUtcNow()));
        await WaitForAsync(1);
    }

    [Fact]
    public async Task ABurst_IsOneRefreshNowAndOneMoreAfterTheInterval()
    {
        using var live = Listen(_ => true);

        await _feed.PublishAsync(new ScoresUpdated([Dec10], [1], _time.GetUtcNow()));
        await WaitForAsync(1);
        for (var i = 0; i < 5; i++)
        {
            await _feed.PublishAsync(new ScoresUpdated([Dec10], [i], _time.GetUtcNow()));
        }
        await Task.Delay(100);
        Volatile.Read(ref _refreshes).ShouldBe(1, "the burst waits for the interval");

        _time.Advance(LiveScores.MinInterval);
        await WaitForAsync(2);
        await Task.Delay(100);
        Volatile.Read(ref _refreshes).ShouldBe(2, "five updates in the interval are one refresh");
    }

    [Fact]
    public async Task Disposed_NoLongerRefreshes()
    {
        var live = Listen(_ => true);
        live.Dispose();

        await _feed.PublishAsync(new ScoresUpdated([Dec10], [1], _time.GetUtcNow()));
        await Task.Delay(100);

        Volatile.Read(ref _refreshes).ShouldBe(0);
    }

    private async Task WaitForAsync(int count)
    {
        for (var i = 0; i < 100 && Volatile.Read(ref _refreshes) < count; i++)
        {
            await Task.Delay(20);
        }
        Volatile.Read(ref _refreshes).ShouldBe(count);
    }
}
