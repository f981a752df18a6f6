namespace Productivity.Web.Components.Pages.Employees;

/// <summary>
/// Coalesces refresh requests: at most one refresh per interval, and a burst of requests ends with one trailing
/// refresh, so a page re-renders at most twice a second however many score updates arrive.
/// </summary>
internal sealed class RefreshThrottle(TimeSpan interval, TimeProvider timeProvider, Func<Task> refresh) : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private int _scheduled;
    private long _lastRun;

    public void Request()
    {
        if (_stop.IsCancellationRequested || Interlocked.Exchange(ref _scheduled, 1) == 1)
        {
            return;
        }
        _ = RunAsync();
    }

    public void Dispose() => _stop.Cancel();

    private async Task RunAsync()
    {
        try
        {
            var last = Interlocked.Read(ref _lastRun);
            var wait = last == 0 ? TimeSpan.Zero : interval - timeProvider.GetElapsedTime(last);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, timeProvider, _stop.Token);
            }
            Volatile.Write(ref _scheduled, 0);
            Interlocked.Exchange(ref _lastRun, timeProvider.GetTimestamp());
            await refresh();
        }
        catch (OperationCanceledException)
        {
            // The page went away.
        }
    }
}
