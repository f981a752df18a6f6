using Microsoft.Extensions.Options;
using MySqlConnector;
using Productivity.Infrastructure.Integrations.PodFactory;

namespace Productivity.Tests.Infrastructure.Integrations;

/// <summary>A throwaway MariaDB database holding a <c>report_actions</c> table shaped like PodFactory's, with known rows.</summary>
public sealed class ReportActionsDatabase : IAsyncLifetime
{
    // Ordered by (created_at, id) the rows are 4, 1, 2, 3, 5, 6, 8, 7. Rows 1-3 share created_at; row 4 is older but
    // inserted later; row 5 has NULLs and a zero date; row 6 has negative items and an end before its start.
    private const string InsertRows = """
        INSERT INTO report_actions (id, user_email, user_name, user_role, action, items_count, window_start, window_end, created_at) VALUES
        (1, 'ana.lopez@example.test', 'Ana Lopez', 'Heat Pressing', 'In Production', 7, '2025-12-10 13:00:00', '2025-12-10 13:10:00', '2025-12-10 13:11:00'),
        (2, 'ben.ng@example.test', 'Ben Ng', 'Picker', 'Picking', 33, '2025-12-10 13:00:00', '2025-12-10 13:10:00', '2025-12-10 13:11:00'),
        (3, 'ana.lopez@example.test', 'Ana Lopez', 'Heat Pressing', 'In Production', 8, '2025-12-10 13:10:00', '2025-12-10 13:20:00', '2025-12-10 13:11:00'),
        (4, 'ben.ng@example.test', 'Ben Ng', 'Picker', 'Picking', 30, '2025-12-10 12:50:00', '2025-12-10 13:00:00', '2025-12-10 13:10:30'),
        (5, NULL, NULL, NULL, NULL, NULL, NULL, '0000-00-00 00:00:00', '2025-12-10 13:12:00'),
        (6, 'cara.diaz@example.test', 'Cara Diaz', 'Labeler', 'Mystery Action', -4, '2025-12-10 13:20:00', '2025-12-10 13:15:00', '2025-12-10 13:12:00'),
        (7, 'ana.lopez@example.test', 'Ana Lopez', 'Heat Pressing', 'In Production', 6, '2025-12-10 14:00:00', '2025-12-10 14:10:00', '2025-12-10 14:11:00'),
        (8, 'ben.ng@example.test', 'Ben Ng', 'Picker', 'Picking', 35, '2025-12-10 13:59:59', '2025-12-10 14:09:59', '2025-12-10 14:10:00')
        """;

    private MySqlTestDatabase? _database;

    public string ConnectionString => _database?.ConnectionString ?? throw new InvalidOperationException("Not initialised.");

    public PodFactoryMySqlSource CreateSource(string table = "report_actions") =>
        new(ConnectionString, Options.Create(new PodFactoryOptions { Table = table }));

    public async Task InitializeAsync()
    {
        _database = await MySqlTestDatabase.CreateAsync();
        await using var connection = new MySqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        // The zero date in row 5 needs a sql_mode without NO_ZERO_DATE, whatever the server default is.
        foreach (var sql in new[] { "SET SESSION sql_mode = ''", ReportActionsTable.CreateTable, InsertRows })
        {
            await using var command = new MySqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
