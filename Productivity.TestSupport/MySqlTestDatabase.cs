using System.Globalization;
using MySqlConnector;

namespace Productivity.TestSupport;

/// <summary>
/// A fresh, uniquely named database on a MariaDB/MySQL server (by default the tests' server), dropped on dispose.
/// The tests and the benchmarks both create theirs through this.
/// </summary>
public sealed class MySqlTestDatabase : IAsyncDisposable
{
    private readonly string _server;

    private MySqlTestDatabase(string server, string name, string connectionString)
    {
        _server = server;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }
    public string ConnectionString { get; }

    /// <summary>A database on the tests' server (<see cref="TestEnvironment.MySqlServer"/>).</summary>
    public static Task<MySqlTestDatabase> CreateAsync() =>
        CreateAsync(TestEnvironment.MySqlServer, $"productivity_test_{Guid.NewGuid():N}"[..32]);

    /// <param name="server">Server-level connection string (no database) whose user may create databases.</param>
    /// <param name="name">The database's name, unique on that server.</param>
    /// <param name="allowLoadLocalInfile">For <see cref="MySqlBulkCopy"/> on this database's connection string.</param>
    public static async Task<MySqlTestDatabase> CreateAsync(string server, string name, bool allowLoadLocalInfile = false)
    {
        await ExecuteAsync(server, $"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        var builder = new MySqlConnectionStringBuilder(server) { Database = name, AllowLoadLocalInfile = allowLoadLocalInfile };
        return new MySqlTestDatabase(server, name, builder.ConnectionString);
    }

    /// <summary>Runs one statement (DDL, an INSERT) in this database.</summary>
    public Task ExecuteAsync(string sql) => ExecuteAsync(ConnectionString, sql);

    /// <summary>The first column of the first row of a query, as a number (a COUNT, an id).</summary>
    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new MySqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        MySqlConnection.ClearAllPools();
        await ExecuteAsync(_server, $"DROP DATABASE IF EXISTS `{Name}`");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        // Generous: a benchmark's DELETE of a 100,000-row table runs through here too.
        await using var command = new MySqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }
}
