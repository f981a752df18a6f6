using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Productivity.Core.Activities;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Infrastructure.Sync;

/// <summary>
/// Bulk reads and writes of activity rows. Writes are multi-row upserts keyed by the PodFactory id
/// (<c>ON DUPLICATE KEY UPDATE</c> on MySQL, <c>ON CONFLICT</c> on SQLite): ingestion is the hot path (100,000 rows
/// must load at a good fraction of a plain bulk insert), and an upsert makes concurrent runs safe.
/// </summary>
public sealed class ActivityWriter(ProductivityDbContext db)
{
    // Pomelo inlines the ids as constants, so EF generates the SQL on every call: one query per sync batch, not five.
    private const int ReadChunk = ActivitySyncService.BatchSize;
    private const int WriteChunk = 500;

    private static readonly string[] Columns =
    [
        nameof(ActivityRecord.PodFactoryId), nameof(ActivityRecord.EmployeeId), nameof(ActivityRecord.Email),
        nameof(ActivityRecord.UserName), nameof(ActivityRecord.UserRole), nameof(ActivityRecord.Action),
        nameof(ActivityRecord.ItemsCount), nameof(ActivityRecord.WindowStartUtc), nameof(ActivityRecord.WindowEndUtc),
        nameof(ActivityRecord.SourceCreatedUtc), nameof(ActivityRecord.UpdatedUtc),
    ];

    public async Task<Dictionary<long, ActivityRow>> ReadExistingAsync(IReadOnlyList<long> podFactoryIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<long, ActivityRow>(podFactoryIds.Count);
        // PodFactory's ids grow: an id above the largest stored one is new, so a batch of new rows needs no lookup.
        var largest = await db.Activities.MaxAsync(a => (long?)a.PodFactoryId, cancellationToken);
        var candidates = largest is null ? [] : podFactoryIds.Where(id => id <= largest).ToList();
        foreach (var chunk in candidates.Chunk(ReadChunk))
        {
            var rows = await db.Activities.AsNoTracking()
                .Where(a => chunk.Contains(a.PodFactoryId))
                .Select(a => new ActivityRow(a.PodFactoryId, a.EmployeeId, a.Email, a.UserName, a.UserRole, a.Action, a.ItemsCount,
                    a.WindowStartUtc, a.WindowEndUtc, a.SourceCreatedUtc, a.UpdatedUtc))
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                result[row.PodFactoryId] = row;
            }
        }
        return result;
    }

    public async Task UpsertAsync(IReadOnlyList<ActivityRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }
        var mySql = db.Database.IsMySql();
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }
        try
        {
            await using var transaction = db.Database.CurrentTransaction is null
                ? await db.Database.BeginTransactionAsync(cancellationToken)
                : null;
            var dbTransaction = db.Database.CurrentTransaction?.GetDbTransaction();
            DbCommand? fullChunk = null;
            try
            {
                foreach (var chunk in rows.Chunk(WriteChunk))
                {
                    if (chunk.Length == WriteChunk)
                    {
                        fullChunk ??= await PrepareUpsertAsync(connection, dbTransaction, WriteChunk, mySql, cancellationToken);
                        await ExecuteAsync(fullChunk, chunk, cancellationToken);
                    }
                    else
                    {
                        await using var lastChunk = await PrepareUpsertAsync(connection, dbTransaction, chunk.Length, mySql, cancellationToken);
                        await ExecuteAsync(lastChunk, chunk, cancellationToken);
                    }
                }
            }
            finally
            {
                if (fullChunk is not null)
                {
                    await fullChunk.DisposeAsync();
                }
            }
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private static string BuildUpsert(int rowCount, bool mySql)
    {
        var quote = mySql ? "`" : "\"";
        var sql = new StringBuilder();
        sql.Append("INSERT INTO ").Append(quote).Append("activities").Append(quote).Append(" (")
            .AppendJoin(", ", Columns.Select(c => quote + c + quote)).Append(") VALUES ");
        var parameter = 0;
        for (var row = 0; row < rowCount; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < Columns.Length; column++)
            {
                sql.Append(column == 0 ? "" : ", ");
                // MySqlConnector looks named parameters up by name on every execution; positional ones are not looked up.
                if (mySql)
                {
                    sql.Append('?');
                }
                else
                {
                    sql.Append("@p").Append(parameter++);
                }
            }
            sql.Append(')');
        }
        var updates = Columns.Skip(1).Select(c => mySql
            ? $"{quote}{c}{quote} = VALUES({quote}{c}{quote})"
            : $"{quote}{c}{quote} = excluded.{quote}{c}{quote}");
        sql.Append(mySql ? " ON DUPLICATE KEY UPDATE " : $" ON CONFLICT ({quote}PodFactoryId{quote}) DO UPDATE SET ")
            .AppendJoin(", ", updates);
        return sql.ToString();
    }

    /// <summary>
    /// One upsert statement for <paramref name="rowCount"/> rows, prepared once and executed for every chunk of that size.
    /// On MySQL a prepared statement sends the values in the binary protocol instead of escaping them into the SQL
    /// text, so the client does much less work per row and the server parses the statement once per connection.
    /// </summary>
    private static async Task<DbCommand> PrepareUpsertAsync(DbConnection connection, DbTransaction? transaction, int rowCount, bool mySql,
        CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = BuildUpsert(rowCount, mySql);
        for (var index = 0; index < rowCount * Columns.Length; index++)
        {
            var parameter = command.CreateParameter();
            if (!mySql)
            {
                parameter.ParameterName = "@p" + index;
            }
            parameter.Value = DBNull.Value;
            command.Parameters.Add(parameter);
        }
        await command.PrepareAsync(cancellationToken);
        return command;
    }

    private static Task<int> ExecuteAsync(DbCommand command, ActivityRow[] chunk, CancellationToken cancellationToken)
    {
        var parameters = command.Parameters;
        var index = 0;
        foreach (var row in chunk)
        {
            parameters[index++].Value = row.PodFactoryId;
            parameters[index++].Value = (object?)row.EmployeeId ?? DBNull.Value;
            parameters[index++].Value = row.Email;
            parameters[index++].Value = (object?)row.UserName ?? DBNull.Value;
            parameters[index++].Value = (object?)row.UserRole ?? DBNull.Value;
            parameters[index++].Value = row.Action;
            parameters[index++].Value = row.ItemsCount;
            parameters[index++].Value = row.WindowStartUtc;
            parameters[index++].Value = row.WindowEndUtc;
            parameters[index++].Value = row.SourceCreatedUtc;
            parameters[index++].Value = row.UpdatedUtc;
        }
        return command.ExecuteNonQueryAsync(cancellationToken);
    }
}
