using Productivity.Infrastructure.Scoring;

namespace Productivity.Tests.Infrastructure.Scoring;

/// <summary>The score export's columns (its cells are written by the tabular export: Infrastructure/Exports tests).</summary>
public sealed class ScoreExportTests
{
    [Fact]
    public void Table_HasTheSpecHeader() =>
        ScoreExport.Table.Header.ShouldBe(ScoreExport.Header);
}
