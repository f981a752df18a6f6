using System.Globalization;
using System.Text;
using MySqlConnector;

namespace Productivity.TestSupport;

/// <summary>One row of PodFactory's <c>report_actions</c>: a station's production window for one login, times in UTC.</summary>
public sealed record ReportAction(
    long Id, string Email, string Name, string? Role, string Action, int Items,
    DateTime WindowStartUtc, DateTime WindowEndUtc, DateTime CreatedUtc);

/// <summary>
/// PodFactory's <c>report_actions</c> table as the tests and the benchmarks create it in a throwaway database, and a
/// parameterised multi-row INSERT to fill it.
/// </summary>
public static class ReportActionsTable
{
    public const string CreateTable = """
        CREATE TABLE report_actions (
            id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
            user_email VARCHAR(255) NULL,
            user_name VARCHAR(255) NULL,
            user_role VARCHAR(100) NULL,
            action VARCHAR(100) NULL,
            items_count INT NULL,
            window_start DATETIME NULL,
            window_end DATETIME NULL,
            created_at DATETIME NULL,
            INDEX ix_report_actions_created_at_id (created_at, id)
        ) ENGINE=InnoDB
        """;

    // Well under MariaDB's placeholder limit (65,535) at nine parameters a row.
    private const int RowsPerStatement = 1000;

    /// <summary>Inserts the rows in one transaction, a thousand to a statement.</summary>
    public static async Task InsertAsync(string connectionString, IEnumerable<ReportAction> rows)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var chunk in rows.Chunk(RowsPerStatement))
        {
            var sql = new StringBuilder(
                "INSERT INTO report_actions (id, user_email, user_name, user_role, action, items_count, window_start, window_end, created_at) VALUES ");
            await using var command = new MySqlCommand { Connection = connection, Transaction = transaction };
            for (var i = 0; i < chunk.Length; i++)
            {
                var row = chunk[i];
                sql.Append(i == 0 ? "" : ", ")
                    .Append(CultureInfo.InvariantCulture, $"(@i{i}, @e{i}, @n{i}, @r{i}, @a{i}, @c{i}, @s{i}, @w{i}, @t{i})");
                command.Parameters.AddWithValue($"@i{i}", row.Id);
                command.Parameters.AddWithValue($"@e{i}", row.Email);
                command.Parameters.AddWithValue($"@n{i}", row.Name);
                command.Parameters.AddWithValue($"@r{i}", row.Role);
                command.Parameters.AddWithValue($"@a{i}", row.Action);
                command.Parameters.AddWithValue($"@c{i}", row.Items);
                command.Parameters.AddWithValue($"@s{i}", row.WindowStartUtc);
                command.Parameters.AddWithValue($"@w{i}", row.WindowEndUtc);
                command.Parameters.AddWithValue($"@t{i}", row.CreatedUtc);
            }
            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }
}
