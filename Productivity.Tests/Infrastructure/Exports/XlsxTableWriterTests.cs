using Productivity.Infrastructure.Exports;
using Productivity.Tests.TestSupport;
using PaneStateValues = DocumentFormat.OpenXml.Spreadsheet.PaneStateValues;
using static Productivity.Tests.Infrastructure.Exports.ExportTestTable;

namespace Productivity.Tests.Infrastructure.Exports;

/// <summary>The xlsx form of an export, read back with the Open XML SDK: real numbers and dates, bold frozen header, no formulas.</summary>
public sealed class XlsxTableWriterTests
{
    private static readonly DateOnly Day = new(2025, 12, 10);

    [Fact]
    public async Task Write_HeaderRow_IsBoldAndFrozenWithTheLeadingColumns()
    {
        var sheet = XlsxSheet.Read(await WriteAsync(ExportFormat.Xlsx, new Row(Day, 1, "Ben", 1, 1m)));

        sheet.SheetName.ShouldBe("Test");
        sheet.Rows[0].Select(c => c.Text).ShouldBe(["date", "id", "name", "points", "cost"]);
        sheet.Rows[0].ShouldAllBe(c => c.Bold);
        sheet.Rows[1].ShouldAllBe(c => !c.Bold);
        sheet.Pane.ShouldNotBeNull();
        sheet.Pane.State!.Value.ShouldBe(PaneStateValues.Frozen);
        sheet.Pane.VerticalSplit!.Value.ShouldBe(1);
        sheet.Pane.HorizontalSplit!.Value.ShouldBe(2);
        sheet.Pane.TopLeftCell!.Value.ShouldBe("C2");
    }

    [Fact]
    public async Task Write_NumbersAndDates_AreRealCells()
    {
        var sheet = XlsxSheet.Read(await WriteAsync(ExportFormat.Xlsx, new Row(Day, -7, "Ben", -3.123456, 1234.565m)));

        var row = sheet.Rows[1];
        row[0].Text.ShouldBeNull();
        row[0].Date.ShouldBe(new DateTime(2025, 12, 10));
        row[0].FormatCode.ShouldBe("yyyy-mm-dd");
        row[1].Number.ShouldBe(-7);
        row[3].Number.ShouldBe(-3.1235);
        row[4].Number.ShouldBe(1234.57);
        row[4].FormatCode.ShouldBe("builtin:2"); // 0.00
    }

    [Theory]
    [InlineData("=1+2")]
    [InlineData("+1")]
    [InlineData("-1")]
    [InlineData("@SUM(1)")]
    [InlineData("\t=cmd")]
    [InlineData("\r=cmd")]
    public async Task Write_TextStartingAFormula_IsNeutralisedLikeTheCsv(string name)
    {
        var sheet = XlsxSheet.Read(await WriteAsync(ExportFormat.Xlsx, new Row(Day, 1, name, 1, 1m)));

        // The same function as the CSV's. An XML reader (Excel's too) turns the raw CR SpreadCheetah writes into a LF.
        sheet.Rows[1][2].Text.ShouldBe(SpreadsheetText.Neutralise(name).Replace('\r', '\n'));
        sheet.Rows[1][2].Text.ShouldStartWith("'");
    }

    [Fact]
    public async Task Write_Nulls_AreEmptyCells()
    {
        var sheet = XlsxSheet.Read(await WriteAsync(ExportFormat.Xlsx, new Row(null, null, null, null, null), new Row(Day, 2, "Ana", 0.5, 3m)));

        sheet.Rows.Count.ShouldBe(3);
        sheet.Rows[1].ShouldAllBe(c => c.IsEmpty);
        sheet.Rows[2].Select(c => c.IsEmpty).ShouldBe([false, false, false, false, false]);
    }
    [Fact]
    public async Task Write_ToAStreamThatRefusesSynchronousWrites_HoldsOnlyTheZipHeaders()
    {
        // As an ASP.NET Core response body: System.IO.Compression writes zip headers synchronously.
        await using var body = new AsyncOnlyStream();
        var output = new AsyncOnlyOutput(body);
        var rows = Enumerable.Range(0, 20_000).Select(i => new Row(Day.AddDays(i % 31), i, $"Employee {i}", i * 0.25, i * 1.5m)).ToArray();

        (await XlsxTableWriter.WriteSpreadsheetAsync(Table, Rows(rows), output, CancellationToken.None)).ShouldBe(20_000);
        await output.FlushAsync();

        output.MaxPending.ShouldBeLessThan(4096);
        var sheet = XlsxSheet.Read(body.ToArray());
        sheet.Rows.Count.ShouldBe(20_001);
        sheet.Rows[^1][2].Text.ShouldBe("Employee 19999");
    }

    /// <summary>Takes asynchronous writes only, as a response body does.</summary>
    private sealed class AsyncOnlyStream : Stream
    {
        private readonly MemoryStream _bytes = new();

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public byte[] ToArray() => _bytes.ToArray();

        public override void Write(byte[] buffer, int offset, int count) =>
            throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _bytes.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override void Flush() => throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
