namespace Productivity.Core.EmployeeDays;

/// <summary>A clock session as scored: an open shift ends at min(now, clock-in + cap).</summary>
/// <param name="ShiftId">The stored shift id.</param>
/// <param name="ClockInUtc">Clock-in.</param>
/// <param name="ClockOutUtc">Clock-out; null while clocked in.</param>
/// <param name="EndUtc">The end the score uses.</param>
/// <param name="IsCapped">An open shift that reached the open-shift cap ("forgotten clock-out?").</param>
/// <param name="Breaks">Unpaid breaks clipped to the session.</param>
public sealed record ClockSession(
    string ShiftId,
    DateTime ClockInUtc,
    DateTime? ClockOutUtc,
    DateTime EndUtc,
    bool IsCapped,
    IReadOnlyList<ClockBreak> Breaks);
