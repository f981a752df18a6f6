namespace Productivity.Infrastructure.Exports;

/// <summary>File extension and content type of each <see cref="ExportFormat"/>, and the format a file name asks for.</summary>
public static class ExportFormats
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The extension without its dot: "csv" or "xlsx".</summary>
    public static string Extension(this ExportFormat format) => format switch
    {
        ExportFormat.Csv => "csv",
        ExportFormat.Xlsx => "xlsx",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    public static string ContentType(this ExportFormat format) => format switch
    {
        ExportFormat.Csv => CsvContentType,
        ExportFormat.Xlsx => XlsxContentType,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>The format of a file named <c>….csv</c> or <c>….xlsx</c> (any case); null for any other name.</summary>
    public static ExportFormat? FromFileName(string fileName) => Path.GetExtension(fileName).ToUpperInvariant() switch
    {
        ".CSV" => ExportFormat.Csv,
        ".XLSX" => ExportFormat.Xlsx,
        _ => null,
    };
}
