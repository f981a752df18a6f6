using Productivity.Core.TimeClock;

namespace Productivity.Infrastructure.Scoring;

/// <summary>
/// One stored clock session (shifts joined by manual breaks, <see cref="ClockSessions"/>): the first shift's id, the
/// first clock-in and its business day, the last clock-out (null while open) and the break the person is on now.
/// </summary>
public sealed record SessionSpan(long Id, int EmployeeId, DateTime ClockInUtc, DateTime? ClockOutUtc, DateOnly BusinessDay,
    BreakSpan? OpenBreak);
