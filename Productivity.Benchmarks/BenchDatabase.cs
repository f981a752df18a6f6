using MySqlConnector;

namespace Productivity.Benchmarks;

/// <summary>A throwaway database on the benchmark server, dropped on dispose.</summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    public const string ServerVariable = "PRODUCTIVITY_BENCH_MYSQL";
    public const string FallbackServerVariable = "PRODUCTIVITY_TEST_MYSQL";
    public const string ServerVersionVariable = "PRODUCTIVITY_BENCH_MYSQL_VERSION";

    private BenchDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>Connection string of this database, with <c>AllowLoadLocalInfile</c> (for <see cref="MySqlBulkCopy"/>).</summary>
    public string ConnectionString { get; }

    /// <summary>Server-level connection string (no database) from the environment.</summary>
    public static string Server =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } bench ? bench
        : Environment.GetEnvironmentVariable(FallbackServerVariable) is { Length: > 0 } test ? test
        : throw new InvalidOperationException(
            $"Set {ServerVariable} (or {FallbackServerVariable}) to a MySQL/MariaDB server connection string whose user may create databases.");

    public static string ServerVersion =>
        Environment.GetEnvironmentVariable(ServerVersionVariable) is { Length: > 0 } version ? version : "10.11-mariadb";

    public static async Task<BenchDatabase> CreateAsync(string purpose)
    {
        var name = $"bench_{purpose}_{Guid.NewGuid():N}";
        await ExecuteOnServerAsync($"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        var builder = new MySqlConnectionStringBuilder(Server) { Database = name, AllowLoadLocalInfile = true };
        return new BenchDatabase(name, builder.ConnectionString);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new MySqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new MySqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        MySqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS `{Name}`");
    }

    private static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new MySqlConnection(Server);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
