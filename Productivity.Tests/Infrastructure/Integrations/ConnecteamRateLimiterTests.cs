using Microsoft.Extensions.Time.Testing;
using Productivity.Infrastructure.Integrations.Connecteam;

namespace Productivity.Tests.Infrastructure.Integrations;

public sealed class ConnecteamRateLimiterTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(60);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task AcquireAsync_OverBudget_WaitsUntilTheOldestGrantLeavesTheWindow()
    {
        var limiter = new ConnecteamRateLimiter(2, Window, _time);
        await limiter.AcquireAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(10));
        await limiter.AcquireAsync(CancellationToken.None);

        var third = limiter.AcquireAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(49));
        await Task.Delay(50);
        var earlyDone = third.IsCompleted;
        _time.Advance(TimeSpan.FromSeconds(1));
        await third.WaitAsync(TimeSpan.FromSeconds(5));

        earlyDone.ShouldBeFalse();
    }

    [Fact]
    public async Task AcquireAsync_AfterBlockUntil_WaitsForTheReset()
    {
        var limiter = new ConnecteamRateLimiter(100, Window, _time);
        limiter.BlockUntil(_time.GetUtcNow() + TimeSpan.FromSeconds(30));

        var waiting = limiter.AcquireAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(50);
        var earlyDone = waiting.IsCompleted;
        _time.Advance(TimeSpan.FromSeconds(1));
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));

        earlyDone.ShouldBeFalse();
    }

    [Fact]
    public async Task AcquireAsync_Cancelled_ThrowsAndLeavesTheBudgetUntouched()
    {
        var limiter = new ConnecteamRateLimiter(1, Window, _time);
        await limiter.AcquireAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = limiter.AcquireAsync(cancel.Token);
        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => waiting);
        _time.Advance(Window);
        await limiter.AcquireAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
    }
}
