namespace Productivity.Tests.Infrastructure.Realtime;

/// <summary>What one subscriber of a live feed heard, safe to read while the feed delivers on other threads.</summary>
internal sealed class FeedRecorder<T>
{
    private readonly List<T> _heard = [];

    /// <summary>Subscribes a new recorder through <paramref name="subscribe"/> (a feed's <c>Subscribe</c>).</summary>
    public static FeedRecorder<T> On(Func<Func<T, Task>, IDisposable> subscribe)
    {
        var recorder = new FeedRecorder<T>();
        subscribe(item =>
        {
            lock (recorder._heard)
            {
                recorder._heard.Add(item);
            }
            return Task.CompletedTask;
        });
        return recorder;
    }

    public int Count
    {
        get
        {
            lock (_heard)
            {
                return _heard.Count;
            }
        }
    }

    public T this[int index]
    {
        get
        {
            lock (_heard)
            {
                return _heard[index];
            }
        }
    }

    public IReadOnlyList<T> Snapshot()
    {
        lock (_heard)
        {
            return [.. _heard];
        }
    }
}

internal static class FeedRecorder
{
    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "timed out");
            await Task.Delay(20);
        }
    }
}
