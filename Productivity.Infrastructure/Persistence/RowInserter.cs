using System.Data;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Productivity.Infrastructure.Persistence;

/// <summary>
/// Inserts new rows with multi-row <c>INSERT … VALUES (…), (…)</c> statements built from the EF model: its table and
/// column names, and each property's own type mapping for the parameters (so value converters, enums as strings and
/// the UTC conversion apply exactly as in SaveChanges). For rows nobody reads back: store-generated keys are left to
/// the database and not set on the objects, and nothing is tracked. SaveChanges sends an INSERT (and a key read-back)
/// per row, which was most of a recompute's time. (Ingestion has its own writer, <c>Sync/ActivityWriter</c>: it needs an
/// upsert keyed by the PodFactory id and prepared statements on its hot path.)
/// </summary>
public static class RowInserter
{
    // Parameters per statement: far below SQLite's 32,766 and MySQL's 65,535, and a statement per few hundred rows.
    private const int ParametersPerStatement = 4_000;

    /// <returns>How many rows were inserted.</returns>
    public static async Task<int> InsertAsync<T>(DbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
        {
            return 0;
        }
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
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
}
