using Productivity.Infrastructure.Configuration;
using StackExchange.Redis;

namespace Productivity.Infrastructure.Caching;

/// <summary>
/// The one Redis multiplexer of the process (cache, data-protection keys, pub/sub). It keeps reconnecting in the
/// background, so Redis going away at runtime degrades the site instead of stopping it.
/// </summary>
public sealed class RedisConnection(string connectionString) : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _multiplexer = new(() => Connect(connectionString));

    public IConnectionMultiplexer Multiplexer => _multiplexer.Value;

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated)
        {
            _multiplexer.Value.Dispose();
        }
    }

    /// <summary>Fails with a message naming the key when Redis is unreachable at start-up.</summary>
    public async Task VerifyReachableAsync()
    {
        try
        {
            await Multiplexer.GetDatabase().PingAsync();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw new ConfigurationException($"Cannot reach Redis ({StartupSettings.RedisConnectionKey}): {ex.Message}", ex);
        }
    }

    private static ConnectionMultiplexer Connect(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 3000);
        options.SyncTimeout = Math.Min(options.SyncTimeout, 2000);
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, 2000);
        return ConnectionMultiplexer.Connect(options);
    }
}
