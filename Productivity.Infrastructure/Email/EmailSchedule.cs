using System.Globalization;
using Microsoft.Extensions.Configuration;
using Productivity.Infrastructure.Configuration;

namespace Productivity.Infrastructure.Email;

/// <summary>
/// The e-mail settings that decide Quartz triggers, read eagerly like <c>JobIntervals</c> (record 0007): the site-local
/// time of the summaries (<c>Email:SummaryTime</c>, default 06:00; the weekly one on Mondays at the same time) and how
/// often the outbox is sent (<c>Email:SendIntervalSeconds</c>, default 15).
/// </summary>
public sealed record EmailSchedule(TimeOnly SummaryTime, TimeSpan SendInterval)
{
    public static readonly TimeOnly DefaultSummaryTime = new(6, 0);
    public const int DefaultSendIntervalSeconds = 15;

    public static EmailSchedule Read(IConfiguration configuration)
    {
        var time = configuration["Email:SummaryTime"];
        var summaryTime = DefaultSummaryTime;
        if (!string.IsNullOrWhiteSpace(time)
            && !TimeOnly.TryParseExact(time.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out summaryTime))
        {
            throw new ConfigurationException($"Email:SummaryTime must be a site-local time of day such as 06:00 (got '{time}').");
        }
        var interval = configuration["Email:SendIntervalSeconds"];
        var seconds = DefaultSendIntervalSeconds;
        if (!string.IsNullOrWhiteSpace(interval)
            && !(int.TryParse(interval, NumberStyles.None, CultureInfo.InvariantCulture, out seconds) && seconds is >= 1 and <= 3600))
        {
            throw new ConfigurationException($"Email:SendIntervalSeconds must be a whole number between 1 and 3600 (got '{interval}').");
        }
        return new EmailSchedule(summaryTime, TimeSpan.FromSeconds(seconds));
    }

    /// <summary>Quartz cron of a summary in the site zone: seconds, minutes, hours, day of month, month, day of week.</summary>
    public string Cron(Core.Reports.SummaryKind kind) => kind == Core.Reports.SummaryKind.Weekly
        ? string.Create(CultureInfo.InvariantCulture, $"0 {SummaryTime.Minute} {SummaryTime.Hour} ? * MON")
        : string.Create(CultureInfo.InvariantCulture, $"0 {SummaryTime.Minute} {SummaryTime.Hour} * * ?");
}
