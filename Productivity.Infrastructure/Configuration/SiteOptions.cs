using System.Globalization;

namespace Productivity.Infrastructure.Configuration;

public sealed class SiteOptions
{
    public const string SectionName = "Site";

    /// <summary>IANA time zone of the warehouse; decides business days and display times.</summary>
    public string TimeZone { get; set; } = "America/Chicago";

    public const string DefaultCurrency = "USD";

    /// <summary>The currency of some region the runtime knows (ICU): exactly three capitals such as USD or EUR.</summary>
    public static bool IsKnownCurrency(string code) => CurrencySymbol(code) is not null;

    /// <summary>
    /// The symbol the currency's own regions write (USD "$", EUR "€", GBP "£"), or null for a code no region uses. Where
    /// regions differ ("US$" where a region must tell its own dollar apart) the most common one wins.
    /// </summary>
    public static string? CurrencySymbol(string code) => Symbols.Value.GetValueOrDefault(code);

    // Every specific culture once per process (start-up validation and the money format both ask).
    private static readonly Lazy<Dictionary<string, string>> Symbols = new(() =>
        CultureInfo.GetCultures(CultureTypes.SpecificCultures)
            .Select(c => (Code: new RegionInfo(c.Name).ISOCurrencySymbol, Symbol: c.NumberFormat.CurrencySymbol))
            .Where(c => c.Code.Length == 3 && c.Code.All(char.IsAsciiLetterUpper) && c.Symbol.Length > 0)
            .GroupBy(c => c.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.GroupBy(c => c.Symbol).OrderByDescending(s => s.Count()).ThenBy(s => s.Key.Length)
                .ThenBy(s => s.Key, StringComparer.Ordinal).First().Key, StringComparer.Ordinal));
}
