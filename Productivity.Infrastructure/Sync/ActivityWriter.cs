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
    private const int ReadChunk = 1000;
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
        foreach (var chunk in podFactoryIds.Chunk(ReadChunk))
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
            foreach (var chunk in rows.Chunk(WriteChunk))
            {
                await using var command = connection.CreateCommand();
                command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                command.CommandText = BuildUpsert(chunk.Length, mySql);
                var index = 0;
                foreach (var row in chunk)
                {
                    Add(command, index++, row.PodFactoryId);
                    Add(command, index++, row.EmployeeId);
                    Add(command, index++, row.Email);
                    Add(command, index++, row.UserName);
                    Add(command, index++, row.UserRole);
                    Add(command, index++, row.Action);
                    Add(command, index++, row.ItemsCount);
                    Add(command, index++, row.WindowStartUtc);
                    Add(command, index++, row.WindowEndUtc);
                    Add(command, index++, row.SourceCreatedUtc);
                    Add(command, index++, row.UpdatedUtc);
                }
                await command.ExecuteNonQueryAsync(cancellationToken);
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
                sql.Append(column == 0 ? "@p" : ", @p").Append(parameter++);
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

    private static void Add(DbCommand command, int index, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@p" + index;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
