using System.Linq.Expressions;
using Productivity.Core.TimeClock;

namespace Productivity.Infrastructure.Scoring;

/// <summary>
/// "Clocked in now", the same on the dashboard, the shop floor and the employee pages: an open shift that has started
/// and not yet reached the stored open-shift cap (past it the spec ends the session: a forgotten clock-out).
/// </summary>
public static class ClockedIn
{
    /// <summary>For a query on the shifts table.</summary>
    public static Expression<Func<Shift, bool>> At(DateTime nowUtc, TimeSpan openShiftCap)
    {
        var since = nowUtc - openShiftCap;
        return s => s.ClockOutUtc == null && s.ClockInUtc > since && s.ClockInUtc <= nowUtc;
    }

    /// <summary>For shifts already read.</summary>
    public static bool At(DateTime clockInUtc, DateTime? clockOutUtc, DateTime nowUtc, TimeSpan openShiftCap) =>
        clockOutUtc is null && clockInUtc > nowUtc - openShiftCap && clockInUtc <= nowUtc;
}
