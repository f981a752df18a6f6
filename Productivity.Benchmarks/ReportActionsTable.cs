using System.Text;
using MySqlConnector;

namespace Productivity.Benchmarks;

/// <summary>
/// PodFactory's <c>report_actions</c> table (the DDL of the tests' ReportActionsDatabase) filled with a floor's
/// windows: ids in created_at order, a few e-mails in another letter case (PodFactory logins are typed by hand).
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

    public static async Task CreateAsync(BenchDatabase database, SyntheticFloor floor, IReadOnlyList<FloorWindow> windows)
    {
        await database.ExecuteAsync(CreateTable);
        await using var connection = new MySqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var id = 0L;
        foreach (var chunk in windows.Chunk(1000))
        {
            var sql = new StringBuilder("INSERT INTO report_actions (id, user_email, user_name, user_role, action, items_count, window_start, window_end, created_at) VALUES ");
            await using var command = new MySqlCommand { Connection = connection, Transaction = transaction };
            for (var i = 0; i < chunk.Length; i++)
            {
                var w = chunk[i];
                var employee = floor.Employees[w.Employee];
                id++;
                var email = id % 50 == 0 ? employee.Email.ToUpperInvariant() : employee.Email;
                sql.Append(i == 0 ? "" : ", ").Append(Measurement.Invariant($"(@i{i}, @e{i}, @n{i}, @r{i}, @a{i}, @c{i}, @s{i}, @w{i}, @t{i})"));
                command.Parameters.AddWithValue($"@i{i}", id);
                command.Parameters.AddWithValue($"@e{i}", email);
                command.Parameters.AddWithValue($"@n{i}", employee.Name);
                command.Parameters.AddWithValue($"@r{i}", employee.Role);
                command.Parameters.AddWithValue($"@a{i}", w.ActionName);
                command.Parameters.AddWithValue($"@c{i}", w.Items);
                command.Parameters.AddWithValue($"@s{i}", w.StartUtc);
                command.Parameters.AddWithValue($"@w{i}", w.EndUtc);
                command.Parameters.AddWithValue($"@t{i}", w.CreatedUtc);
            }
            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }
}
