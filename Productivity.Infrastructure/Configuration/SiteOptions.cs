using System.Globalization;

namespace Productivity.Infrastructure.Configuration;

public sealed class SiteOptions
{
    public const string SectionName = "Site";

    /// <summary>IANA time zone of the warehouse; decides business days and display times.</summary>
    public string TimeZone { get; set; } = "America/Chicago";

    public const string DefaultCurrency = "USD";

    /// <summary>The currency of some region the runtime knows (ICU): exactly three capitals such as USD or EUR.</summary>
    public static bool IsKnownCurrency(string code) =>
        code.Length == 3 && code.All(char.IsAsciiLetterUpper)
        && CultureInfo.GetCultures(CultureTypes.SpecificCultures).Any(c => new RegionInfo(c.Name).ISOCurrencySymbol == code);
}
