namespace Productivity.Infrastructure.Exports;

/// <summary>What a column holds, which decides how each format writes its cells (an empty cell for null in every kind).</summary>
public enum ExportColumnKind
{
    /// <summary>A string, neutralised by <see cref="SpreadsheetText.Neutralise"/> in both formats.</summary>
    Text,

    /// <summary>A whole number (int or long).</summary>
    Integer,

    /// <summary>A double, at most 4 decimals in both formats.</summary>
    Number,

    /// <summary>A decimal amount, 2 decimals in both formats.</summary>
    Money,

    /// <summary>A calendar day: yyyy-MM-dd in CSV, a real date cell formatted yyyy-mm-dd in xlsx.</summary>
    Date,
}
