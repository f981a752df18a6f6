using System.Globalization;
using System.Text;

namespace Productivity.Infrastructure.Exports;

/// <summary>
/// An <see cref="ExportTable{TRow}"/> as RFC 4180 CSV: UTF-8 with a byte-order mark (without it Excel reads the file
/// in the local code page and garbles names), CRLF line ends, '.' decimals whatever the culture, empty cells for null.
/// </summary>
internal static class CsvTableWriter
{
    public static async Task<int> WriteAsync<TRow>(ExportTable<TRow> table, IAsyncEnumerable<TRow> rows, Stream output,
        CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 16 * 1024, leaveOpen: true)
        {
            NewLine = "\r\n",
        };
        var columns = table.Columns;
        var line = new StringBuilder();
        line.AppendJoin(',', columns.Select(c => Field(c.Name)));
        // Only async writes: the output may be a response body, which refuses synchronous ones.
        await writer.WriteLineAsync(line, cancellationToken);
        var count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            line.Clear();
            for (var i = 0; i < columns.Count; i++)
            {
                if (i > 0)
                {
                    line.Append(',');
                }
                Append(line, columns[i], row);
            }
            await writer.WriteLineAsync(line, cancellationToken);
            count++;
        }
        await writer.FlushAsync(cancellationToken);
        return count;
    }

    /// <summary>A text cell: neutralised, then quoted when it holds a separator, a quote or a line break.</summary>
    internal static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        var text = SpreadsheetText.Neutralise(value);
        // RFC 4180 quoting, also for ';': spreadsheets in many locales split on it.
        return text.AsSpan().IndexOfAny(",;\"\n\r") >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }

    private static void Append<TRow>(StringBuilder line, ExportColumn<TRow> column, TRow row)
    {
        var invariant = CultureInfo.InvariantCulture;
        switch (column.Kind)
        {
            case ExportColumnKind.Text:
                line.Append(Field(column.Text!(row)));
                break;
            case ExportColumnKind.Integer when column.Integer!(row) is { } integer:
                line.Append(invariant, $"{integer}");
                break;
            case ExportColumnKind.Number when column.RoundedNumber(row) is { } number:
                line.Append(invariant, $"{number:0.####}");
                break;
            case ExportColumnKind.Money when column.RoundedMoney(row) is { } money:
                line.Append(invariant, $"{money:0.00}");
                break;
            case ExportColumnKind.Date when column.Date!(row) is { } day:
                line.Append(invariant, $"{day:yyyy-MM-dd}");
                break;
        }
    }
}
