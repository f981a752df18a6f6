namespace Productivity.Infrastructure.Scoring;

/// <summary>
/// "Clocked in now", the same on the dashboard, the shop floor and the employee pages: an open session (an open shift,
/// or a shift closed by a break that is still open) that has started and not yet reached the stored open-shift cap
/// (past it the spec ends the session: a forgotten clock-out). Someone on a break is clocked in, not idle.
/// </summary>
public static class ClockedIn
{
    public static bool At(SessionSpan session, DateTime nowUtc, TimeSpan openShiftCap) =>
        session.ClockOutUtc is null && session.ClockInUtc > nowUtc - openShiftCap && session.ClockInUtc <= nowUtc;

    /// <summary>Everyone clocked in among <paramref name="sessions"/> (those of today and yesterday), with their open session.</summary>
    public static Dictionary<int, SessionSpan> Of(IEnumerable<SessionSpan> sessions, DateTime nowUtc, TimeSpan openShiftCap) =>
        sessions.Where(s => At(s, nowUtc, openShiftCap))
            .GroupBy(s => s.EmployeeId)
            .ToDictionary(g => g.Key, g => g.MaxBy(s => s.ClockInUtc)!);
}
