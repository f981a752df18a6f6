using System.Globalization;

namespace Productivity.Web.Components.Shared;

/// <summary>
/// The one way every screen and export shows a ratio as a percentage: × 100, rounded once (half away from zero) to
/// one decimal, invariant digits: 0.82447 → "82.4%". Services hand over ratios unrounded (a stored day's has the spec's
/// four decimals), so no figure is rounded twice (82.447 % must not become 82.45 and then 82.5).
/// </summary>
public static class Percent
{
    public static string Of(double? ratio) =>
        ratio is { } value
            ? Math.Round((decimal)value * 100, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture) + "%"
            : "–";
}
