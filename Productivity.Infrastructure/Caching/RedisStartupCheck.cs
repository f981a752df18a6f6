using Microsoft.Extensions.Hosting;

namespace Productivity.Infrastructure.Caching;

internal sealed class RedisStartupCheck(RedisConnection redis) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => redis.VerifyReachableAsync();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
