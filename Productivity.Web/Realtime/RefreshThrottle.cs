namespace Productivity.Web.Realtime;

/// <summary>
/// Coalesces bursts of change notifications into at most one refresh per <c>minInterval</c>: a request while a refresh
/// is already scheduled joins it, and a request during a refresh schedules exactly one more, so the last change is
/// never lost.
/// </summary>
public sealed class RefreshThrottle(TimeSpan minInterval, TimeProvider timeProvider, Func<Task> refresh) : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private int _scheduled;
    private long _lastStartTicks = DateTimeOffset.MinValue.UtcTicks;

    public void Request()
    {
        if (Interlocked.Exchange(ref _scheduled, 1) == 1)
        {
            return;
        }
        var wait = new DateTimeOffset(Interlocked.Read(ref _lastStartTicks), TimeSpan.Zero) + minInterval - timeProvider.GetUtcNow();
        _ = RunAsync(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }

    private async Task RunAsync(TimeSpan wait)
    {
        try
        {
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, timeProvider, _disposed.Token);
            }
            Interlocked.Exchange(ref _lastStartTicks, timeProvider.GetUtcNow().UtcTicks);
            Volatile.Write(ref _scheduled, 0);
            // Requests come on the notifier's thread (the recompute's); a refresh due at once would otherwise run its
            // reload inline when the circuit is idle, and the recompute would wait for every open page in turn.
            await Task.Run(refresh);
        }
        catch (OperationCanceledException)
        {
            // Disposed while waiting: the page is gone.
        }
        catch (ObjectDisposedException)
        {
            // Disposed while waiting: the page is gone.
        }
    }
}
