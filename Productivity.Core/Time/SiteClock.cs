namespace Productivity.Core.Time;

/// <summary>
/// Converts between UTC instants and the site's business days. Every stored instant is UTC; the site time zone
/// only decides which calendar day something belongs to and how it is displayed.
/// </summary>
public sealed class SiteClock(TimeZoneInfo timeZone)
{
    public TimeZoneInfo TimeZone { get; } = timeZone;

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
