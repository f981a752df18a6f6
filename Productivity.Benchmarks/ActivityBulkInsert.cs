using System.Data;
using System.Text;
using MySqlConnector;
using Productivity.Infrastructure.Sync;

namespace Productivity.Benchmarks;

/// <summary>
/// Plain bulk loads of activity rows into the <c>activities</c> table with MySqlConnector, no EF and no upsert:
/// the practical limit our ingestion is compared with.
/// </summary>
public static class ActivityBulkInsert
{
    private static readonly string[] Columns =
    [
        "PodFactoryId", "EmployeeId", "Email", "UserName", "UserRole", "Action", "ItemsCount", "WindowStartUtc", "WindowEndUtc",
        "SourceCreatedUtc", "UpdatedUtc",
    ];

    /// <summary>The rows in the column order of <see cref="BulkCopyAsync"/> (built outside the timed part).</summary>
    public static DataTable ToDataTable(IReadOnlyList<ActivityRow> rows)
    {
        var table = new DataTable();
        table.Columns.Add("PodFactoryId", typeof(long));
        table.Columns.Add("EmployeeId", typeof(int));
        table.Columns.Add("Email", typeof(string));
        table.Columns.Add("UserName", typeof(string));
        table.Columns.Add("UserRole", typeof(string));
        table.Columns.Add("Action", typeof(string));
        table.Columns.Add("ItemsCount", typeof(int));
        table.Columns.Add("WindowStartUtc", typeof(DateTime));
        table.Columns.Add("WindowEndUtc", typeof(DateTime));
        table.Columns.Add("SourceCreatedUtc", typeof(DateTime));
        table.Columns.Add("UpdatedUtc", typeof(DateTime));
        foreach (var r in rows)
        {
            table.Rows.Add(r.PodFactoryId, (object?)r.EmployeeId ?? DBNull.Value, r.Email, (object?)r.UserName ?? DBNull.Value,
                (object?)r.UserRole ?? DBNull.Value, r.Action, r.ItemsCount, r.WindowStartUtc, r.WindowEndUtc, r.SourceCreatedUtc, r.UpdatedUtc);
        }
        return table;
    }

    /// <summary><see cref="MySqlBulkCopy"/> (LOAD DATA LOCAL INFILE; needs <c>AllowLoadLocalInfile=true</c> and the server's <c>local_infile</c>).</summary>
    public static async Task<int> BulkCopyAsync(string connectionString, DataTable rows, string table = "activities")
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        var bulkCopy = new MySqlBulkCopy(connection) { DestinationTableName = table, BulkCopyTimeout = 600 };
        for (var i = 0; i < Columns.Length; i++)
        {
            bulkCopy.ColumnMappings.Add(new MySqlBulkCopyColumnMapping(i, Columns[i]));
        }
        var result = await bulkCopy.WriteToServerAsync(rows);
        if (result.Warnings.Count > 0)
        {
            throw new InvalidOperationException($"MySqlBulkCopy warned: {string.Join("; ", result.Warnings.Take(5).Select(w => w.Message))}");
        }
        return result.RowsInserted;
    }

    /// <summary>Multi-row <c>INSERT … VALUES (…), (…)</c> of <paramref name="rowsPerStatement"/> rows each, in one transaction.</summary>
    public static async Task<int> MultiRowInsertAsync(string connectionString, IReadOnlyList<ActivityRow> rows, int rowsPerStatement = 1000,
        string table = "activities")
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var inserted = 0;
        foreach (var chunk in rows.Chunk(rowsPerStatement))
        {
            var sql = new StringBuilder($"INSERT INTO `{table}` (")
                .AppendJoin(", ", Columns.Select(c => $"`{c}`")).Append(") VALUES ");
            await using var command = new MySqlCommand { Connection = connection, Transaction = transaction };
            var p = 0;
            for (var i = 0; i < chunk.Length; i++)
            {
                var r = chunk[i];
                sql.Append(i == 0 ? "(" : ", (");
                object?[] values = [r.PodFactoryId, r.EmployeeId, r.Email, r.UserName, r.UserRole, r.Action, r.ItemsCount,
                    r.WindowStartUtc, r.WindowEndUtc, r.SourceCreatedUtc, r.UpdatedUtc];
                for (var c = 0; c < values.Length; c++)
                {
                    var name = "@p" + p++;
                    sql.Append(c == 0 ? "" : ", ").Append(name);
                    command.Parameters.AddWithValue(name, values[c] ?? DBNull.Value);
                }
                sql.Append(')');
            }
            command.CommandText = sql.ToString();
            inserted += await command.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        return inserted;
    }
}
