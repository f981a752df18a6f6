using System.Globalization;

namespace Productivity.Web.Components.Shared;

/// <summary>
/// How every screen shows money: the site currency (<c>Site:Currency</c>) with its symbol, two decimals, in the site's
/// number format (en-US until the site culture is configurable): 1234.5 → "$1,234.50", 12 EUR → "€12.00". An empty
/// value (a day without a rate, a cost per item without items) is a dash, never a zero that looks like free labour.
/// </summary>
public sealed class MoneyFormat
{
    private readonly NumberFormatInfo _format;

    /// <param name="currency">The ISO 4217 code (<c>Site:Currency</c>, validated at start-up).</param>
    public MoneyFormat(string currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        Currency = currency;
        _format = (NumberFormatInfo)CultureInfo.GetCultureInfo("en-US").NumberFormat.Clone();
        _format.CurrencySymbol = SymbolOf(Currency);
        _format.CurrencyDecimalDigits = 2;
    }

    public string Currency { get; }

    public string Of(decimal? value) => value is { } money ? money.ToString("C2", _format) : "–";

    // The symbol the currency's own regions write (USD "$", EUR "€", GBP "£"); the code itself when none has one.
    private static string SymbolOf(string code)
    {
        var symbols = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
            .Where(c => new RegionInfo(c.Name).ISOCurrencySymbol == code)
            .Select(c => c.NumberFormat.CurrencySymbol)
            .Where(s => s.Length > 0)
            .ToList();
        // "US$" and the like appear where a region must tell its own dollar apart; the plain symbol is the common one.
        return symbols.GroupBy(s => s).OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Length).Select(g => g.Key).FirstOrDefault() ?? code;
    }
}
