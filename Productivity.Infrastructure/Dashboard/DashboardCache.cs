using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Productivity.Core.Dashboard;
using Productivity.Infrastructure.Configuration;
using Productivity.Infrastructure.Telemetry;

namespace Productivity.Infrastructure.Dashboard;

/// <summary>
/// Dashboard read models in the distributed cache (Redis when configured, so shared by every node; memory otherwise).
/// Every business day has a version; a model's key names the versions of the days it depends on, so bumping a day's
/// version makes every model that shows it unreachable at once, on every node, without finding or deleting keys.
/// </summary>
/// <remarks>
/// A reader takes the versions before it reads the database and a recompute bumps them after its commit, so an entry
/// can only be stored under a current version by a reader that read after the last commit. Versions are random, never
/// counted up: a version that expired or was evicted is replaced by one no old entry can carry.
/// </remarks>
public sealed class DashboardCache(IDistributedCache cache, IMemoryCache local, StartupSettings settings)
{
    /// <summary>A key names the versions of its days, so the same key always means the same content: a node keeps the
    /// models it has deserialised for a minute and only asks the shared cache for the versions.</summary>
    private static readonly TimeSpan LocalLifetime = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Lazy<Task<object>>> _building = new();

    /// <summary>Bump when <see cref="DashboardReadModel"/> changes shape, so entries of the previous release are never read.</summary>
    private const string Schema = "v1";

    /// <summary>A safety net for what no recompute announces (an employee renamed by the employee sync).</summary>
    public static readonly TimeSpan ModelLifetime = TimeSpan.FromMinutes(10);

    public static readonly TimeSpan VersionLifetime = TimeSpan.FromDays(2);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    // Every deployment sharing a Redis (nodes of one site, test runs side by side) gets keys of its own database.
    private readonly string _prefix = $"dashboard:{DatabaseTag(settings)}";

    public string VersionKey(DateOnly day) => $"{_prefix}:day-version:{Day(day)}";

    /// <summary>
    /// The key of a range's model. It depends on the range's days and the day before the first (a night shift that
    /// started then feeds the clock feed and "clocked in now").
    /// </summary>
    public async Task<string> ModelKeyAsync(DashboardRange range, CancellationToken cancellationToken, string model = "model")
    {
        var days = Enumerable.Range(-1, range.Days + 1).Select(range.From.AddDays);
        var versions = await Task.WhenAll(days.Select(day => VersionAsync(day, cancellationToken)));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', versions)));
        return $"{_prefix}:{model}:{Schema}:{Day(range.From)}:{Day(range.To)}:{Convert.ToHexStringLower(hash, 0, 16)}";
    }

    /// <summary>
    /// A range's read model named <paramref name="model"/>: this node's copy, else the shared cache's, else built once per
    /// node however many circuits ask at the same moment (after an update every open page reloads together) and stored.
    /// </summary>
    public async Task<T> GetOrBuildAsync<T>(string model, DashboardRange range, Func<CancellationToken, Task<T>> build,
        CancellationToken cancellationToken) where T : class
    {
        var key = await ModelKeyAsync(range, cancellationToken, model);
        if (local.TryGetValue(key, out T? known) && known is not null)
        {
            ProductivityTelemetry.CacheLookup("local_hit");
            return known;
        }
        var bytes = await cache.GetAsync(key, cancellationToken);
        if (bytes is { Length: > 0 } && JsonSerializer.Deserialize<T>(bytes, Json) is { } cached)
        {
            ProductivityTelemetry.CacheLookup("shared_hit");
            return local.Set(key, cached, LocalLifetime);
        }
        ProductivityTelemetry.CacheLookup("miss");
        // Started on the thread pool: SQLite completes its "async" calls synchronously, so the build would otherwise run
        // inside Lazy's lock while every other circuit asking for the same range spins on it. Shared by every caller
        // waiting for the key, so one caller giving up must not cancel it for the others.
        var building = _building.GetOrAdd(key, k => new Lazy<Task<object>>(() => Task.Run<object>(async () =>
        {
            var built = await build(CancellationToken.None);
            await cache.SetAsync(k, JsonSerializer.SerializeToUtf8Bytes(built, Json),
                new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = ModelLifetime }, CancellationToken.None);
            return local.Set(k, built, LocalLifetime);
        })));
        try
        {
            return (T)await building.Value.WaitAsync(cancellationToken);
        }
        finally
        {
            _building.TryRemove(KeyValuePair.Create(key, building));
        }
    }

    /// <summary>Gives each day a new version: every cached model that shows one of them is stale from now on.</summary>
    public Task BumpAsync(IEnumerable<DateOnly> days, CancellationToken cancellationToken = default) =>
        Task.WhenAll(days.Distinct().Select(day => SetVersionAsync(day, cancellationToken)));

    private async Task<string> VersionAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var bytes = await cache.GetAsync(VersionKey(day), cancellationToken);
        return bytes is { Length: > 0 } ? Encoding.UTF8.GetString(bytes) : await SetVersionAsync(day, cancellationToken);
    }

    private async Task<string> SetVersionAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var version = Guid.NewGuid().ToString("N");
        await cache.SetAsync(VersionKey(day), Encoding.UTF8.GetBytes(version),
            new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = VersionLifetime }, cancellationToken);
        return version;
    }

    private static string DatabaseTag(StartupSettings settings)
    {
        var database = settings.Database.Provider == DatabaseProvider.MySql
            ? new MySqlConnector.MySqlConnectionStringBuilder(settings.ConnectionString).Database
            : new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(settings.ConnectionString).DataSource;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(database)), 0, 6);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
