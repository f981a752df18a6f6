using System.Globalization;

namespace Productivity.Core.Time;

/// <summary>
/// Converts between UTC instants and the site's business days. Every stored instant is UTC; the site time zone
/// only decides which calendar day something belongs to and how it is displayed.
/// </summary>
public sealed class SiteClock(TimeZoneInfo timeZone)
{
    /// <summary>
    /// The first and last business days the site works with. Around a day it reads the day either side (night shifts)
    /// and up to 90 days before (the trend); a year's margin from the ends of the calendar keeps those days and their UTC
    /// ranges representable in any time zone, where 0001-01-01 or 9999-12-31 would throw.
    /// </summary>
    public static readonly DateOnly FirstDay = new(2, 1, 1);

    /// <inheritdoc cref="FirstDay"/>
    public static readonly DateOnly LastDay = new(9998, 12, 31);

    public TimeZoneInfo TimeZone { get; } = timeZone;

    /// <summary>
    /// A day as a URL carries it (<c>yyyy-MM-dd</c>); false for text that is not one, or a day outside
    /// <see cref="FirstDay"/>..<see cref="LastDay"/>.
    /// </summary>
    public static bool TryParseDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day)
        && day >= FirstDay && day <= LastDay;

    /// <summary>The site-local calendar date of a UTC instant.</summary>
    public DateOnly BusinessDayOf(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(AsUtc(utc), TimeZone));

    /// <summary>The half-open UTC range [start, end) of a business day; 23 or 25 hours long on daylight-saving days.</summary>
    public (DateTime StartUtc, DateTime EndUtc) UtcRangeOf(DateOnly day) =>
        (LocalMidnightUtc(day), LocalMidnightUtc(day.AddDays(1)));

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(AsUtc(utc), TimeZone);

    private DateTime LocalMidnightUtc(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A zone may skip midnight on its DST day (e.g. America/Santiago); the day then starts at the first valid minute.
        while (TimeZone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, TimeZone);
    }

    private static DateTime AsUtc(DateTime value) =>
        value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
