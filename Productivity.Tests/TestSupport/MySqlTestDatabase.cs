using MySqlConnector;

namespace Productivity.Tests.TestSupport;

/// <summary>A fresh, uniquely named database on the test MariaDB server, dropped on dispose.</summary>
public sealed class MySqlTestDatabase : IAsyncDisposable
{
    private MySqlTestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }
    public string ConnectionString { get; }

    public static async Task<MySqlTestDatabase> CreateAsync()
    {
        var name = $"productivity_test_{Guid.NewGuid():N}"[..32];
        await using (var connection = new MySqlConnection(TestEnvironment.MySqlServer))
        {
            await connection.OpenAsync();
            await using var command = new MySqlCommand($"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", connection);
            await command.ExecuteNonQueryAsync();
        }
        var builder = new MySqlConnectionStringBuilder(TestEnvironment.MySqlServer) { Database = name };
        return new MySqlTestDatabase(name, builder.ConnectionString);
    }

    /// <summary>Runs one statement (DDL, an INSERT) in this database.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new MySqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        MySqlConnection.ClearAllPools();
        await using var connection = new MySqlConnection(TestEnvironment.MySqlServer);
        await connection.OpenAsync();
        await using var command = new MySqlCommand($"DROP DATABASE IF EXISTS `{Name}`", connection);
        await command.ExecuteNonQueryAsync();
    }
}
