namespace Productivity.Infrastructure.Exports;

/// <summary>Text cells that a spreadsheet can open safely: the one rule for every export format.</summary>
public static class SpreadsheetText
{
    /// <summary>
    /// A text that starts with a formula character, or with a tab or CR (some spreadsheets skip them before one), gets
    /// a leading "'" so that a spreadsheet never runs a name as a formula, in CSV and in xlsx alike (an xlsx string
    /// cell is not a formula, but one copied, re-saved as CSV or edited can become one). Numbers are never passed here,
    /// so "-3" stays a number.
    /// </summary>
    public static string Neutralise(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}
