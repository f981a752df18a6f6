using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using Productivity.Infrastructure.Telemetry;

namespace Productivity.Infrastructure.Caching;

/// <summary>
/// Wraps the Redis cache so that an unavailable Redis reads as a cache miss (callers then read the database)
/// and writes are dropped, with one warning per half-minute instead of an error per request.
/// </summary>
internal sealed class ResilientDistributedCache(IDistributedCache inner, TimeProvider timeProvider, ILogger<ResilientDistributedCache> logger)
    : IDistributedCache
{
    private static readonly TimeSpan WarningInterval = TimeSpan.FromSeconds(30);
    private long _lastWarningTicks;

    public byte[]? Get(string key) => Guard(() => inner.Get(key));

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default) =>
        await GuardAsync(async () => await inner.GetAsync(key, token));

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) =>
        Guard(() => { inner.Set(key, value, options); return true; });

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        GuardAsync(async () => { await inner.SetAsync(key, value, options, token); return true; });

    public void Refresh(string key) => Guard(() => { inner.Refresh(key); return true; });

    public Task RefreshAsync(string key, CancellationToken token = default) =>
        GuardAsync(async () => { await inner.RefreshAsync(key, token); return true; });

    public void Remove(string key) => Guard(() => { inner.Remove(key); return true; });

    public Task RemoveAsync(string key, CancellationToken token = default) =>
        GuardAsync(async () => { await inner.RemoveAsync(key, token); return true; });

    private T? Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Warn(ex);
            return default;
        }
    }

    private async Task<T?> GuardAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Warn(ex);
            return default;
        }
    }

    private void Warn(Exception ex)
    {
        ProductivityTelemetry.CacheErrors.Add(1);
        var now = timeProvider.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastWarningTicks);
        if (now - last >= WarningInterval.Ticks && Interlocked.CompareExchange(ref _lastWarningTicks, now, last) == last)
        {
            logger.LogWarning("Redis cache unavailable, reading from the database instead: {Message}", ex.Message);
        }
    }
}
