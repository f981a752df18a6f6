using System.Globalization;

namespace Productivity.Web.Components.Pages.Dashboard;

/// <summary>How the dashboard writes its numbers (invariant, so every browser shows the same digits).</summary>
public static class DashboardFormat
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static string Count(int value) => value.ToString("N0", Culture);

    public static string Points(double value) => value.ToString("N2", Culture);

    /// <summary>Minutes as hours and minutes, e.g. 139.85 → "2:20".</summary>
    public static string Duration(double minutes)
    {
        var total = (long)Math.Round(minutes, MidpointRounding.AwayFromZero);
        return string.Create(Culture, $"{total / 60}:{total % 60:00}");
    }

    public static string Hours(double hours) => hours.ToString("N1", Culture);

    public static string Rate(double? perHour) => perHour is { } value ? value.ToString("N1", Culture) : "–";

    public static string Time(DateTime local) => local.ToString("HH:mm", Culture);

    public static string DayAndTime(DateTime local) => local.ToString("ddd d MMM HH:mm", Culture);

    public static string Day(DateOnly day) => day.ToString("ddd d MMM", Culture);

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", Culture);
}
