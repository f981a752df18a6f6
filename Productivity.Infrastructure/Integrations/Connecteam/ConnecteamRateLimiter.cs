namespace Productivity.Infrastructure.Integrations.Connecteam;

/// <summary>
/// The process-wide Connecteam request budget: at most <c>permitLimit</c> requests start in any sliding window
/// (a sliding log of grant times, so the bound holds for every window, not only segment-aligned ones). Callers
/// over budget wait in turn instead of failing. After a 429 every caller also waits until the announced reset.
/// </summary>
internal sealed class ConnecteamRateLimiter
{
    private readonly int _permitLimit;
    private readonly TimeSpan _window;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Queue<DateTimeOffset> _grants = new();
    private readonly Lock _blockLock = new();
    private DateTimeOffset _blockedUntil = DateTimeOffset.MinValue;

    public ConnecteamRateLimiter(int permitLimit, TimeSpan window, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permitLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _permitLimit = permitLimit;
        _window = window;
        _timeProvider = timeProvider;
    }

    public async Task AcquireAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                var now = _timeProvider.GetUtcNow();
                while (_grants.Count > 0 && _grants.Peek() + _window <= now)
                {
                    _grants.Dequeue();
                }

                var wait = _grants.Count >= _permitLimit ? _grants.Peek() + _window - now : TimeSpan.Zero;
                var blocked = BlockedUntil - now;
                if (blocked > wait)
                {
                    wait = blocked;
                }

                if (wait <= TimeSpan.Zero)
                {
                    _grants.Enqueue(now);
                    return;
                }

                // The gate stays held: nobody queued behind could start earlier than this caller.
                await Task.Delay(wait, _timeProvider, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Holds every request of the process until <paramref name="untilUtc"/> (a 429's reset time).</summary>
    public void BlockUntil(DateTimeOffset untilUtc)
    {
        lock (_blockLock)
        {
            if (untilUtc > _blockedUntil)
            {
                _blockedUntil = untilUtc;
            }
        }
    }

    private DateTimeOffset BlockedUntil
    {
        get
        {
            lock (_blockLock)
            {
                return _blockedUntil;
            }
        }
    }
}
