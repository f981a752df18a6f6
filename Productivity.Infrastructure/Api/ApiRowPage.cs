using System.Text.Json;
using Productivity.Infrastructure.Exports;

namespace Productivity.Infrastructure.Api;

/// <summary>
/// One page of the read API: its rows, written as JSON objects by <see cref="WriteItems"/>, and the key of its last row
/// when more rows follow (the next page starts after it). The rows' shape is the export table's, so the API's field
/// names are the CSV headers' by construction.
/// </summary>
public sealed class ApiRowPage<TKey>
    where TKey : class
{
    private readonly Action<Utf8JsonWriter> _writeItems;

    private ApiRowPage(int count, TKey? next, Action<Utf8JsonWriter> writeItems) => (Count, Next, _writeItems) = (count, next, writeItems);

    public int Count { get; }

    /// <summary>The key to continue after; null on the last page.</summary>
    public TKey? Next { get; }

    public void WriteItems(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        _writeItems(writer);
        writer.WriteEndArray();
    }

    /// <summary>A page from up to <paramref name="limit"/> + 1 rows read: the extra row only says that more follow.</summary>
    internal static ApiRowPage<TKey> Of<TRow>(IReadOnlyList<TRow> read, int limit, Func<TRow, TKey> keyOf, Action<Utf8JsonWriter, TRow> write)
    {
        var rows = read.Count > limit ? read.Take(limit).ToList() : read;
        var next = read.Count > limit ? keyOf(rows[^1]) : null;
        return new ApiRowPage<TKey>(rows.Count, next, writer =>
        {
            foreach (var row in rows)
            {
                write(writer, row);
            }
        });
    }

    internal static ApiRowPage<TKey> Of<TRow>(IReadOnlyList<TRow> read, int limit, Func<TRow, TKey> keyOf, ExportTable<TRow> table) =>
        Of(read, limit, keyOf, (writer, row) => JsonTableWriter.WriteObject(table, writer, row));
}

/// <summary>Where a page of day rows ends: its last row's business day and employee id (the rows' order).</summary>
public sealed record DayRowKey(DateOnly Day, int EmployeeId);

/// <summary>A field of an API row: its name, what it holds and whether it may be null (for the OpenAPI document).</summary>
public sealed record ApiField(string Name, ApiFieldType Type, bool Nullable)
{
    /// <summary>The fields of an export table's rows, as <see cref="JsonTableWriter"/> writes them (every cell may be empty).</summary>
    internal static IReadOnlyList<ApiField> Of<TRow>(ExportTable<TRow> table) =>
    [
        .. table.Columns.Select(c => new ApiField(c.Name, c.Kind switch
        {
            ExportColumnKind.Integer => ApiFieldType.Integer,
            ExportColumnKind.Number or ExportColumnKind.Money => ApiFieldType.Number,
            ExportColumnKind.Date => ApiFieldType.Date,
            _ => ApiFieldType.String,
        }, Nullable: true)),
    ];
}

public enum ApiFieldType
{
    String,
    Integer,
    Number,
    Boolean,
    /// <summary>A calendar day, yyyy-MM-dd (site-local business day).</summary>
    Date,
    /// <summary>A UTC instant, yyyy-MM-ddTHH:mm:ssZ.</summary>
    Instant,
}
