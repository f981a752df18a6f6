using Productivity.Core.TimeClock;

namespace Productivity.Infrastructure.Scoring;

/// <summary>
/// One stored clock session (shifts joined by manual breaks, <see cref="ClockSessions"/>): the first shift's id, the
/// first clock-in and its business day, the last clock-out (null while open) and the break the person is on now.
/// </summary>
public sealed record SessionSpan(long Id, int EmployeeId, DateTime ClockInUtc, DateTime? ClockOutUtc, DateOnly BusinessDay,
    BreakSpan? OpenBreak)
{
    /// <summary>The end the scores use: the last clock-out, or for an open session min(now, clock-in + cap) (spec).</summary>
    public DateTime EndAt(DateTime nowUtc, TimeSpan openShiftCap) =>
        ClockOutUtc ?? (nowUtc < ClockInUtc + openShiftCap ? nowUtc : ClockInUtc + openShiftCap);
}
