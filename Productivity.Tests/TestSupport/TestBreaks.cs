using Productivity.Core.Time;
using Productivity.Core.TimeClock;

namespace Productivity.Tests.TestSupport;

/// <summary>Manual-break rows as the shift sync stores them (clock 1, the test site's Chicago business day).</summary>
public static class TestBreaks
{
    private static readonly SiteClock Chicago = new(TimeZoneInfo.FindSystemTimeZoneById("America/Chicago"));

    public static ManualBreak Row(int employeeId, string id, DateTime startUtc, DateTime? endUtc, string? name = null) => new()
    {
        EmployeeId = employeeId,
        ClockId = 1,
        ConnecteamBreakId = id,
        Name = name,
        StartUtc = startUtc,
        EndUtc = endUtc,
        BusinessDay = Chicago.BusinessDayOf(startUtc),
        UpdatedUtc = startUtc,
    };
}
