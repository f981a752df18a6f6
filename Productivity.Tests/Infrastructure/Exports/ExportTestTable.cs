using Productivity.Infrastructure.Exports;

namespace Productivity.Tests.Infrastructure.Exports;

/// <summary>A table with one column of each kind, and its rows as the writers receive them (asynchronously, one at a time).</summary>
internal static class ExportTestTable
{
    public static readonly ExportTable<Row> Table = new ExportTable<Row>("Test", frozenColumns: 2)
        .Date("date", r => r.Day)
        .Integer("id", r => r.Id)
        .Text("name", r => r.Name)
        .Number("points", r => r.Points)
        .Money("cost", r => r.Cost);

    public static async IAsyncEnumerable<Row> Rows(params Row[] rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }

    public static async Task<byte[]> WriteAsync(ExportFormat format, params Row[] rows)
    {
        using var stream = new MemoryStream();
        (await Table.WriteAsync(format, Rows(rows), stream)).ShouldBe(rows.Length);
        return stream.ToArray();
    }

    public sealed record Row(DateOnly? Day, long? Id, string? Name, double? Points, decimal? Cost);
}
