using System.Globalization;
using System.Text.Json;

namespace Productivity.Infrastructure.Exports;

/// <summary>
/// Writes a row of an <see cref="ExportTable{TRow}"/> as one JSON object for the read API: the columns' names are the
/// property names (the CSV headers'), numbers rounded as both file formats round them, dates ISO (yyyy-MM-dd), a
/// missing value null. Text is written as it is: the spreadsheet guard (<see cref="SpreadsheetText"/>) belongs to files
/// a spreadsheet opens, and JSON escapes what it must.
/// </summary>
public static class JsonTableWriter
{
    public static void WriteObject<TRow>(ExportTable<TRow> table, Utf8JsonWriter writer, TRow row)
    {
        writer.WriteStartObject();
        foreach (var column in table.Columns)
        {
            writer.WritePropertyName(column.Name);
            switch (column.Kind)
            {
                case ExportColumnKind.Text when column.Text!(row) is { } text:
                    writer.WriteStringValue(text);
                    break;
                case ExportColumnKind.Integer when column.Integer!(row) is { } integer:
                    writer.WriteNumberValue(integer);
                    break;
                case ExportColumnKind.Number when column.RoundedNumber(row) is { } number:
                    writer.WriteNumberValue(number);
                    break;
                case ExportColumnKind.Money when column.RoundedMoney(row) is { } money:
                    writer.WriteNumberValue(money);
                    break;
                case ExportColumnKind.Date when column.Date!(row) is { } date:
                    writer.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    break;
                default:
                    writer.WriteNullValue();
                    break;
            }
        }
        writer.WriteEndObject();
    }
}
