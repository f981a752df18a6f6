using System.Globalization;
using System.Text;
using Productivity.Infrastructure.Exports;
using static Productivity.Tests.Infrastructure.Exports.ExportTestTable;

namespace Productivity.Tests.Infrastructure.Exports;

/// <summary>The CSV form of an export: BOM, header, invariant numbers, empty nulls, RFC 4180 quoting, no formula cells.</summary>
public sealed class CsvTableWriterTests
{
    private static readonly DateOnly Day = new(2025, 12, 10);

    [Fact]
    public async Task Write_StartsWithTheByteOrderMarkThenTheHeader()
    {
        var bytes = await WriteAsync(ExportFormat.Csv);

        bytes[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        Encoding.UTF8.GetString(bytes[3..]).ShouldBe("date,id,name,points,cost\r\n");
    }

    [Fact]
    public async Task Write_NonAsciiName_IsUtf8()
    {
        var text = await CsvAsync(new Row(Day, 1, "Zoë Ñúñez", 1, 1m));

        text.ShouldContain("Zoë Ñúñez");
    }

    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(1)", "'@SUM(1)")]
    [InlineData("\t=cmd", "'\t=cmd")]
    [InlineData("\r=cmd", "\"'\r=cmd\"")]
    public async Task Write_TextStartingAFormula_IsNeutralised(string name, string cell)
    {
        var text = await CsvAsync(new Row(Day, 1, name, 1, 1m));

        text.ShouldBe($"date,id,name,points,cost\r\n2025-12-10,1,{cell},1,1.00\r\n");
    }

    [Fact]
    public async Task Write_NegativeNumbers_AreNeverGuarded()
    {
        var text = await CsvAsync(new Row(Day, -7, "Ben", -3, -12.5m));

        text.ShouldEndWith("\r\n2025-12-10,-7,Ben,-3,-12.50\r\n");
    }

    [Fact]
    public async Task Write_Nulls_AreEmptyCells()
    {
        var text = await CsvAsync(new Row(null, null, null, null, null));

        text.ShouldEndWith("\r\n,,,,\r\n");
    }

    [Fact]
    public async Task Write_AnyCulture_DotDecimalsNumbersTo4AndMoneyTo2Places()
    {
        var previous = CultureInfo.CurrentCulture;
        string text;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            text = await CsvAsync(new Row(Day, 1234567, "Ben", 1234.567891, 1234.565m), new Row(Day, 2, "Ana", 0.5, 3m));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        text.ShouldBe("date,id,name,points,cost\r\n2025-12-10,1234567,Ben,1234.5679,1234.57\r\n2025-12-10,2,Ana,0.5,3.00\r\n");
    }

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
        CsvTableWriter.Field(value).ShouldBe(expected);

    private static async Task<string> CsvAsync(params Row[] rows)
    {
        var bytes = await WriteAsync(ExportFormat.Csv, rows);
        return Encoding.UTF8.GetString(bytes[3..]);
    }
}
