using Productivity.Infrastructure.Scoring;

namespace Productivity.Tests.Infrastructure.Scoring;

/// <summary>How the export writes a text cell: RFC 4180 quoting, and no cell a spreadsheet would run as a formula.</summary>
public sealed class ScoreExportTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("Ben Ng", "Ben Ng")]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(1)", "'@SUM(1)")]
    [InlineData("\t=cmd", "'\t=cmd")]
    [InlineData("\r=cmd", "\"'\r=cmd\"")]
    [InlineData("Tyler;=1+2;Brooks", "\"Tyler;=1+2;Brooks\"")]
    [InlineData("Ng, Ben", "\"Ng, Ben\"")]
    [InlineData("Ben \"The Picker\"", "\"Ben \"\"The Picker\"\"\"")]
    [InlineData("=\"a\",b", "\"'=\"\"a\"\",b\"")]
    [InlineData("Ben\nNg", "\"Ben\nNg\"")]
    [InlineData("Ben=Ng", "Ben=Ng")]
    public void Field_QuotesSeparatorsAndNeutralisesLeadingFormulaCharacters(string? value, string expected) =>
        ScoreExport.Field(value).ShouldBe(expected);
}
