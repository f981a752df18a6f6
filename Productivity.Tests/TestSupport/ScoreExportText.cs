using Productivity.Infrastructure.Exports;
using Productivity.Infrastructure.Scoring;

namespace Productivity.Tests.TestSupport;

/// <summary>The score export's CSV as text, for tests that compare its lines (the byte-order mark is read, not returned).</summary>
public static class ScoreExportText
{
    public static async Task<string> CsvAsync(this ScoreExport export, DateOnly from, DateOnly to)
    {
        using var stream = new MemoryStream();
        await export.WriteAsync(ExportFormat.Csv, from, to, stream);
        stream.Position = 0;
        using var reader = new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
        return await reader.ReadToEndAsync();
    }
}
