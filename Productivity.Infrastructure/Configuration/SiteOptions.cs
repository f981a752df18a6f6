namespace Productivity.Infrastructure.Configuration;

public sealed class SiteOptions
{
    public const string SectionName = "Site";

    /// <summary>IANA time zone of the warehouse; decides business days and display times.</summary>
    public string TimeZone { get; set; } = "America/Chicago";
}
