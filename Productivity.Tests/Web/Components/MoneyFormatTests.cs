using Productivity.Infrastructure.Configuration;
using Productivity.Web.Components.Shared;

namespace Productivity.Tests.Web.Components;

public sealed class MoneyFormatTests
{
    [Theory]
    [InlineData("USD", "1234.5", "$1,234.50")]
    [InlineData("EUR", "12", "€12.00")]
    [InlineData("GBP", "0.125", "£0.13")]
    [InlineData("USD", "-3.456", "-$3.46")]
    public void Of_Money_WritesTheCurrencysSymbolAndCents(string currency, string value, string expected)
    {
        new MoneyFormat(currency).Of(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(expected);
    }

    [Fact]
    public void Of_NoValue_IsADashNeverAZero()
    {
        new MoneyFormat("USD").Of(null).ShouldBe("–");
    }

    [Theory]
    [InlineData("USD", true)]
    [InlineData("EUR", true)]
    [InlineData("usd", false)]
    [InlineData("XYZ", false)]
    [InlineData("US", false)]
    public void IsKnownCurrency_OnlyIsoCodesSomeRegionUses(string code, bool known)
    {
        SiteOptions.IsKnownCurrency(code).ShouldBe(known);
    }
}
