using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Productivity.Infrastructure.Caching;
using Productivity.Infrastructure.Health;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Infrastructure.Caching;

public sealed class RedisResilienceTests
{
    // Nothing listens on port 1: this is Redis "gone away".
    private const string DeadRedis = "127.0.0.1:1,connectTimeout=500";

    [Fact]
    public async Task Cache_RedisDown_ReadsAsMissAndDropsWrites()
    {
        using var redis = new RedisConnection(DeadRedis);
        var cache = Resilient(redis);

        await cache.SetAsync("k", [1, 2, 3], new DistributedCacheEntryOptions());
        var value = await cache.GetAsync("k");

        value.ShouldBeNull();
    }

    [Fact]
    public async Task Cache_RedisUp_RoundTrips()
    {
        using var redis = new RedisConnection(TestEnvironment.Redis);
        var cache = Resilient(redis);
        var key = $"test:{Guid.NewGuid():N}";

        await cache.SetAsync(key, [1, 2, 3], new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1) });

        (await cache.GetAsync(key)).ShouldBe(new byte[] { 1, 2, 3 });
    }

    [Fact]
    public async Task HealthCheck_RedisDown_IsDegradedNotUnhealthy()
    {
        using var redis = new RedisConnection(DeadRedis);

        var result = await new RedisHealthCheck(redis).CheckHealthAsync(new HealthCheckContext());

        result.Status.ShouldBe(HealthStatus.Degraded);
    }

    [Fact]
    public async Task HealthCheck_RedisUp_IsHealthy()
    {
        using var redis = new RedisConnection(TestEnvironment.Redis);

        var result = await new RedisHealthCheck(redis).CheckHealthAsync(new HealthCheckContext());

        result.Status.ShouldBe(HealthStatus.Healthy);
    }

    private static ResilientDistributedCache Resilient(RedisConnection redis) =>
        new(new RedisCache(Options.Create(new RedisCacheOptions
            {
                ConnectionMultiplexerFactory = () => Task.FromResult(redis.Multiplexer),
            })),
            TimeProvider.System,
            NullLogger<ResilientDistributedCache>.Instance);
}
