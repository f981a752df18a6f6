namespace Productivity.Infrastructure.Exports;

/// <summary>
/// The shape of one export: a sheet name, the columns in order and how many of them stay in view when scrolling
/// sideways in xlsx. Declared once per export, e.g.
/// <code>
/// static readonly ExportTable&lt;Row&gt; Table = new ExportTable&lt;Row&gt;("Costs", frozenColumns: 3)
///     .Date("date", r =&gt; r.Day).Integer("employee_id", r =&gt; r.EmployeeId).Text("employee_name", r =&gt; r.Name)
///     .Money("labour_cost", r =&gt; r.LabourCost);
/// </code>
/// and written with <see cref="WriteAsync"/> from rows that stream from the database (nothing is held but the current row).
/// </summary>
public sealed class ExportTable<TRow>(string sheetName, int frozenColumns = 0)
{
    private readonly List<ExportColumn<TRow>> _columns = [];

    public string SheetName { get; } = sheetName;

    public int FrozenColumns { get; } = frozenColumns;

    public IReadOnlyList<ExportColumn<TRow>> Columns => _columns;

    /// <summary>The column names joined with commas, as the CSV's first line.</summary>
    public string Header => string.Join(',', _columns.Select(c => c.Name));

    public ExportTable<TRow> Text(string name, Func<TRow, string?> value) =>
        Add(new() { Name = name, Kind = ExportColumnKind.Text, Text = value });

    public ExportTable<TRow> Integer(string name, Func<TRow, long?> value) =>
        Add(new() { Name = name, Kind = ExportColumnKind.Integer, Integer = value });

    public ExportTable<TRow> Number(string name, Func<TRow, double?> value) =>
        Add(new() { Name = name, Kind = ExportColumnKind.Number, Number = value });

    public ExportTable<TRow> Money(string name, Func<TRow, decimal?> value) =>
        Add(new() { Name = name, Kind = ExportColumnKind.Money, Money = value });

    public ExportTable<TRow> Date(string name, Func<TRow, DateOnly?> value) =>
        Add(new() { Name = name, Kind = ExportColumnKind.Date, Date = value });

    /// <summary>Writes the header and then each row as it arrives; returns the number of rows (header not counted).</summary>
    public Task<int> WriteAsync(ExportFormat format, IAsyncEnumerable<TRow> rows, Stream output, CancellationToken cancellationToken = default) =>
        format switch
        {
            ExportFormat.Csv => CsvTableWriter.WriteAsync(this, rows, output, cancellationToken),
            ExportFormat.Xlsx => XlsxTableWriter.WriteAsync(this, rows, output, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
        };

    private ExportTable<TRow> Add(ExportColumn<TRow> column)
    {
        _columns.Add(column);
        return this;
    }
}
