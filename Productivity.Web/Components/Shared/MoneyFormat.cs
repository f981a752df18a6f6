using System.Globalization;
using Productivity.Infrastructure.Configuration;

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
        _format.CurrencySymbol = SiteOptions.CurrencySymbol(Currency) ?? Currency;
        _format.CurrencyDecimalDigits = 2;
    }

    public string Currency { get; }

    public string Of(decimal? value) => value is { } money ? money.ToString("C2", _format) : "–";
}
