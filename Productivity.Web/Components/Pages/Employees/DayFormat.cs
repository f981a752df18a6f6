using System.Globalization;
using Productivity.Core.Time;

namespace Productivity.Web.Components.Pages.Employees;

/// <summary>How the employee screens show numbers, days and site-local times (always invariant: '.' decimals, 24-hour clock).</summary>
internal static class DayFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Minutes(double minutes) => minutes.ToString("0.##", Invariant);

    public static string Points(double points) => points.ToString("0.00", Invariant);

    public static string Raw(double? value) => value?.ToString("0.####", Invariant) ?? "";

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", Invariant);

    public static string LongDay(DateOnly day) => day.ToString("dddd d MMMM yyyy", Invariant);

    /// <summary>Site-local "HH:mm", marked "(+1)" or "(-1)" when it falls on another calendar day than <paramref name="day"/>.</summary>
    public static string Time(SiteClock clock, DateTime utc, DateOnly day)
    {
        var local = clock.ToLocal(utc);
        var offset = DateOnly.FromDateTime(local).DayNumber - day.DayNumber;
        var text = local.ToString("HH:mm", Invariant);
        return offset == 0 ? text : string.Create(Invariant, $"{text} ({offset:+0;-0})");
    }

    public static string Span(SiteClock clock, DateTime startUtc, DateTime endUtc, DateOnly day) =>
        $"{Time(clock, startUtc, day)}–{Time(clock, endUtc, day)}";
}
