using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Productivity.Tests.TestSupport;

/// <summary>The first worksheet of an xlsx file read back with the Open XML SDK: its cells, their formats and its frozen pane.</summary>
public sealed class XlsxSheet
{
    private XlsxSheet(IReadOnlyList<IReadOnlyList<XlsxCell>> rows, Pane? pane, string sheetName)
    {
        Rows = rows;
        Pane = pane;
        SheetName = sheetName;
    }

    public IReadOnlyList<IReadOnlyList<XlsxCell>> Rows { get; }

    public Pane? Pane { get; }

    public string SheetName { get; }

    public static XlsxSheet Read(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), isEditable: false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First();
        var worksheet = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet;
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var stylesheet = workbook.WorkbookStylesPart?.Stylesheet;
        var rows = worksheet.GetFirstChild<SheetData>()!.Elements<Row>()
            .Select(row => (IReadOnlyList<XlsxCell>)row.Elements<Cell>().Select(cell => CellOf(cell, shared, stylesheet)).ToList())
            .ToList();
        var pane = worksheet.SheetViews?.Elements<SheetView>().FirstOrDefault()?.Pane;
        return new XlsxSheet(rows, (Pane?)pane?.CloneNode(true), sheet.Name!);
    }

    private static XlsxCell CellOf(Cell cell, List<string> shared, Stylesheet? stylesheet)
    {
        var type = cell.DataType?.Value;
        string? text = null;
        double? number = null;
        if (type == CellValues.InlineString)
        {
            text = cell.InlineString?.InnerText;
        }
        else if (type == CellValues.SharedString)
        {
            text = shared[int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)];
        }
        else if (type == CellValues.String)
        {
            text = cell.CellValue?.Text;
        }
        else if (cell.CellValue is { Text.Length: > 0 } value && (type is null || type == CellValues.Number))
        {
            number = double.Parse(value.Text, CultureInfo.InvariantCulture);
        }
        var format = cell.StyleIndex?.Value is { } index ? stylesheet?.CellFormats?.Elements<CellFormat>().ElementAt((int)index) : null;
        var formatCode = format?.NumberFormatId?.Value is { } id
            ? stylesheet?.NumberingFormats?.Elements<NumberingFormat>().FirstOrDefault(f => f.NumberFormatId?.Value == id)?.FormatCode?.Value ?? $"builtin:{id}"
            : null;
        var bold = format?.FontId?.Value is { } fontId && stylesheet?.Fonts?.Elements<Font>().ElementAt((int)fontId).Bold is not null;
        return new XlsxCell(text, number, formatCode, bold);
    }
}

/// <summary>One cell read back: a string, or a number (dates are numbers with a date format), and its number format.</summary>
public sealed record XlsxCell(string? Text, double? Number, string? FormatCode, bool Bold)
{
    public bool IsEmpty => Text is null && Number is null;

    public DateTime Date => DateTime.FromOADate(Number ?? throw new InvalidOperationException("Not a number cell."));
}
