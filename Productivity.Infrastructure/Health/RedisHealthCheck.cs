using Microsoft.Extensions.Diagnostics.HealthChecks;
using Productivity.Infrastructure.Caching;

namespace Productivity.Infrastructure.Health;

/// <summary>Redis is an accelerator, not a dependency of reads: when it is down the site is Degraded, not Unhealthy.</summary>
internal sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.Multiplexer.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"Redis reachable ({latency.TotalMilliseconds:F0} ms).");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Degraded("Redis unreachable; caching falls back to the database.");
        }
    }
}
