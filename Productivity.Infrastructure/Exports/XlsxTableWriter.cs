using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;

namespace Productivity.Infrastructure.Exports;

/// <summary>
/// An <see cref="ExportTable{TRow}"/> as one xlsx worksheet, streamed with SpreadCheetah (forward only, one row in
/// memory): a bold, frozen header row, real number and date cells, empty cells for null.
/// </summary>
internal static class XlsxTableWriter
{
    public static async Task<int> WriteAsync<TRow>(ExportTable<TRow> table, IAsyncEnumerable<TRow> rows, Stream output,
        CancellationToken cancellationToken)
    {
        var asyncOutput = new AsyncOnlyOutput(output);
        var count = await WriteSpreadsheetAsync(table, rows, asyncOutput, cancellationToken);
        // The zip's central directory was written synchronously when the spreadsheet was disposed.
        await asyncOutput.FlushAsync(cancellationToken);
        return count;
    }

    /// <summary>The workbook up to the zip's end, which is left in <paramref name="output"/> until it is flushed.</summary>
    internal static async Task<int> WriteSpreadsheetAsync<TRow>(ExportTable<TRow> table, IAsyncEnumerable<TRow> rows, AsyncOnlyOutput output,
        CancellationToken cancellationToken)
    {
        var columns = table.Columns;
        await using var spreadsheet = await Spreadsheet.CreateNewAsync(output, cancellationToken: cancellationToken);
        var options = new WorksheetOptions { FrozenRows = 1, FrozenColumns = table.FrozenColumns > 0 ? table.FrozenColumns : null };
        for (var i = 0; i < columns.Count; i++)
        {
            // Excel shows "########" for a date wider than its column, and the default width (~8.9) is narrower.
            options.Column(i + 1).Width = Math.Max(columns[i].Name.Length + 2, columns[i].Kind switch
            {
                ExportColumnKind.Text => 18,
                ExportColumnKind.Date or ExportColumnKind.Money => 12,
                _ => 10,
            });
        }
        await spreadsheet.StartWorksheetAsync(table.SheetName, options, cancellationToken);
        var header = spreadsheet.AddStyle(new Style { Font = { Bold = true } });
        var styles = new Styles(
            Date: spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom("yyyy-mm-dd") }),
            Money: spreadsheet.AddStyle(new Style { Format = NumberFormat.Standard(StandardNumberFormat.TwoDecimalPlaces) }));
        var cells = new Cell[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            cells[i] = new Cell(columns[i].Name, header);
        }
        await spreadsheet.AddRowAsync(cells, cancellationToken);
        var count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            for (var i = 0; i < columns.Count; i++)
            {
                cells[i] = CellOf(columns[i], row, styles);
            }
            await spreadsheet.AddRowAsync(cells, cancellationToken);
            count++;
        }
        await spreadsheet.FinishAsync(cancellationToken);
        return count;
    }

    private static Cell CellOf<TRow>(ExportColumn<TRow> column, TRow row, Styles styles) => column.Kind switch
    {
        ExportColumnKind.Text => column.Text!(row) is { Length: > 0 } text ? new Cell(SpreadsheetText.Neutralise(text)) : default,
        ExportColumnKind.Integer => column.Integer!(row) is { } integer ? new Cell(integer) : default,
        ExportColumnKind.Number => column.RoundedNumber(row) is { } number ? new Cell(number) : default,
        ExportColumnKind.Money => column.RoundedMoney(row) is { } money ? new Cell(money, styles.Money) : default,
        ExportColumnKind.Date => column.Date!(row) is { } day ? new Cell(day.ToDateTime(TimeOnly.MinValue), styles.Date) : default,
        _ => throw new ArgumentOutOfRangeException(nameof(column), column.Kind, null),
    };

    private sealed record Styles(StyleId Date, StyleId Money);
}
