using Productivity.Web.Components.Shared;

namespace Productivity.Tests.Web.Components;

public sealed class PercentTests
{
    [Theory]
    // Σ active / Σ clocked of a held-out day: 82.447 %. Rounded twice (to 4 decimals, then to 1) it showed 82.5 %.
    [InlineData(1855.0575 / 2250, "82.4%")]
    [InlineData(0.8245, "82.5%")]
    [InlineData(0.27424, "27.4%")]
    [InlineData(0.00049, "0.0%")]
    [InlineData(0.00051, "0.1%")]
    [InlineData(1.0, "100.0%")]
    [InlineData(1.2345, "123.5%")]
    [InlineData(0, "0.0%")]
    public void Of_RoundsTheRatioOnceToOneDecimal(double ratio, string expected) => Percent.Of(ratio).ShouldBe(expected);

    [Fact]
    public void Of_NoRatio_IsADash() => Percent.Of(null).ShouldBe("–");

    [Fact]
    public void Of_IsTheSameInEveryCulture()
    {
        var before = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Percent.Of(0.82447).ShouldBe("82.4%");
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }
}
