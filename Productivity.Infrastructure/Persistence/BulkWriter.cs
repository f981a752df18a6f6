using System.Data;
using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Productivity.Infrastructure.Persistence;

/// <summary>
/// The one bulk writer: multi-row <c>INSERT … VALUES (…), (…)</c> statements built from the EF model (table and column
/// names, each property's value converter, so enums as strings and the UTC conversion apply exactly as in SaveChanges),
/// for the two places where SaveChanges (one INSERT, and a key read-back, per row) was most of the time:
/// <list type="bullet">
/// <item><see cref="InsertAsync{T}"/>, the recompute's derived rows (decision 0013): new rows nobody reads back, so
/// store-generated keys are left to the database and not set on the objects, and nothing is tracked.</item>
/// <item><see cref="UpsertAsync{T}"/>, ingestion's hot path (README Performance "ingest"): rows keyed by a unique column
/// (<c>ON DUPLICATE KEY UPDATE</c> on MySQL, <c>ON CONFLICT</c> on SQLite), so a changed source row updates ours and two
/// concurrent runs writing the same rows are both safe; its statement is prepared once per batch size.</item>
/// </list>
/// Both run inside the caller's transaction when there is one.
/// </summary>
public static class BulkWriter
{
    // Parameters per insert statement: far below SQLite's 32,766 and MySQL's 65,535, and a statement per few hundred rows.
    private const int ParametersPerStatement = 4_000;

    // Rows per upsert statement, as measured for ingestion (11 columns: 5,500 parameters).
    private const int UpsertRowsPerStatement = 500;

    /// <returns>How many rows were inserted.</returns>
    public static async Task<int> InsertAsync<T>(DbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
        {
            return 0;
        }
        var entityType = EntityType<T>(db);
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = entityType.GetProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd))
            .Select(p => (Property: p, Mapping: p.GetRelationalTypeMapping(), Getter: p.GetGetter()))
            .ToList();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ",
            columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName(table)!)))}) VALUES ";
        var rowsPerStatement = Math.Max(1, ParametersPerStatement / columns.Count);

        // Only makes the provider's parameter objects; the statements run through EF (its connection and transaction).
        await using var parameterFactory = db.Database.GetDbConnection().CreateCommand();
        var inserted = 0;
        foreach (var chunk in rows.Chunk(rowsPerStatement))
        {
            var text = new StringBuilder(head);
            var parameters = new List<object>(chunk.Length * columns.Count);
            foreach (var row in chunk)
            {
                text.Append(parameters.Count == 0 ? "(" : ", (");
                foreach (var (property, mapping, getter) in columns)
                {
                    var name = "p" + parameters.Count;
                    text.Append(parameters.Count % columns.Count == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder(name));
                    parameters.Add(mapping.CreateParameter(parameterFactory, sql.GenerateParameterName(name), getter.GetClrValue(row),
                        property.IsNullable, ParameterDirection.Input));
                }
                text.Append(')');
            }
            inserted += await db.Database.ExecuteSqlRawAsync(text.ToString(), parameters, cancellationToken);
        }
        return inserted;
    }

    /// <summary>
    /// Inserts <paramref name="rows"/>, or updates the stored row with the same <paramref name="key"/>. Only the
    /// <paramref name="properties"/> are written (the key among them); any other column keeps its stored value on an
    /// update (on ingestion: the business day and session the recompute attributed the window to).
    /// </summary>
    public static async Task UpsertAsync<T>(DbContext db, IReadOnlyList<T> rows, string key, IReadOnlyList<string> properties,
        CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        var statement = UpsertStatement.For(db, EntityType<T>(db), key, properties);
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
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
                foreach (var chunk in rows.Chunk(UpsertRowsPerStatement))
                {
                    if (chunk.Length == UpsertRowsPerStatement)
                    {
                        fullChunk ??= await statement.PrepareAsync(connection, dbTransaction, UpsertRowsPerStatement, cancellationToken);
                        await statement.ExecuteAsync(fullChunk, chunk, cancellationToken);
                    }
                    else
                    {
                        await using var lastChunk = await statement.PrepareAsync(connection, dbTransaction, chunk.Length, cancellationToken);
                        await statement.ExecuteAsync(lastChunk, chunk, cancellationToken);
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

    private static IEntityType EntityType<T>(DbContext db) =>
        db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");

    private sealed record UpsertColumn(string Name, IClrPropertyGetter Getter, ValueConverter? Converter);

    /// <summary>An upsert of one entity type: its SQL for a number of rows, and the parameter values of a chunk.</summary>
    private sealed class UpsertStatement(string table, string key, IReadOnlyList<UpsertColumn> columns, bool mySql)
    {
        public static UpsertStatement For(DbContext db, IEntityType entityType, string key, IReadOnlyList<string> properties)
        {
            var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
            var sql = db.GetService<ISqlGenerationHelper>();
            var columns = properties.Select(name =>
            {
                var property = entityType.FindProperty(name) ?? throw new InvalidOperationException($"{entityType.DisplayName()} has no {name}.");
                return new UpsertColumn(sql.DelimitIdentifier(property.GetColumnName(table)!), property.GetGetter(), property.GetTypeMapping().Converter);
            }).ToList();
            var keyColumn = sql.DelimitIdentifier(entityType.FindProperty(key)!.GetColumnName(table)!);
            if (columns.All(c => c.Name != keyColumn))
            {
                throw new InvalidOperationException($"The key {key} must be among the columns written.");
            }
            return new UpsertStatement(sql.DelimitIdentifier(table.Name, table.Schema), keyColumn, columns, db.Database.IsMySql());
        }

        private string Sql(int rowCount)
        {
            var sql = new StringBuilder("INSERT INTO ").Append(table).Append(" (").AppendJoin(", ", columns.Select(c => c.Name)).Append(") VALUES ");
            var parameter = 0;
            for (var row = 0; row < rowCount; row++)
            {
                sql.Append(row == 0 ? "(" : ", (");
                for (var column = 0; column < columns.Count; column++)
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
            var updates = columns.Where(c => c.Name != key).Select(c => mySql ? $"{c.Name} = VALUES({c.Name})" : $"{c.Name} = excluded.{c.Name}");
            sql.Append(mySql ? " ON DUPLICATE KEY UPDATE " : $" ON CONFLICT ({key}) DO UPDATE SET ").AppendJoin(", ", updates);
            return sql.ToString();
        }

        /// <summary>
        /// The statement for <paramref name="rowCount"/> rows, prepared once and executed for every chunk of that size.
        /// On MySQL a prepared statement sends the values in the binary protocol instead of escaping them into the SQL
        /// text, so the client does much less work per row and the server parses the statement once per connection.
        /// </summary>
        public async Task<DbCommand> PrepareAsync(DbConnection connection, DbTransaction? transaction, int rowCount,
            CancellationToken cancellationToken)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Sql(rowCount);
            for (var index = 0; index < rowCount * columns.Count; index++)
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

        public Task<int> ExecuteAsync<T>(DbCommand command, T[] chunk, CancellationToken cancellationToken)
            where T : class
        {
            var parameters = command.Parameters;
            var index = 0;
            foreach (var row in chunk)
            {
                foreach (var column in columns)
                {
                    var value = column.Getter.GetClrValue(row);
                    if (value is not null && column.Converter is { } converter)
                    {
                        value = converter.ConvertToProvider(value);
                    }
                    parameters[index++].Value = value ?? DBNull.Value;
                }
            }
            return command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
