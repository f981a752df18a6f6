namespace Productivity.Infrastructure.Exports;

/// <summary>
/// One column of an <see cref="ExportTable{TRow}"/>: its header name, its kind and how to read its value from a row
/// (the one reader that matches <see cref="Kind"/> is set; typed, so numbers are never boxed or parsed back).
/// </summary>
public sealed class ExportColumn<TRow>
{
    // Made by ExportTable's Text/Integer/Number/Money/Date only, so the reader always matches the kind.
    internal ExportColumn()
    {
    }

    public required string Name { get; init; }
    public required ExportColumnKind Kind { get; init; }
    internal Func<TRow, string?>? Text { get; init; }
    internal Func<TRow, long?>? Integer { get; init; }
    internal Func<TRow, double?>? Number { get; init; }
    internal Func<TRow, decimal?>? Money { get; init; }
    internal Func<TRow, DateOnly?>? Date { get; init; }

    internal const int NumberDecimals = 4;
    internal const int MoneyDecimals = 2;

    /// <summary>The number as both formats write it (CSV's "0.####" rounds the same way).</summary>
    internal double? RoundedNumber(TRow row) =>
        Number!(row) is { } value ? Math.Round(value, NumberDecimals, MidpointRounding.AwayFromZero) : null;

    internal decimal? RoundedMoney(TRow row) =>
        Money!(row) is { } value ? Math.Round(value, MoneyDecimals, MidpointRounding.AwayFromZero) : null;
}
