namespace Productivity.Core.TimeClock;

/// <summary>A shift as the session join reads it. UTC; <see cref="ClockOutUtc"/> is null while clocked in.</summary>
public readonly record struct ClockShift(long Id, DateTime ClockInUtc, DateTime? ClockOutUtc);

/// <summary>A manual break as the session join reads it. UTC; <see cref="EndUtc"/> is null while on the break.</summary>
public readonly record struct BreakSpan(long Id, DateTime StartUtc, DateTime? EndUtc, string? Name = null, bool IsPaid = false);

/// <summary>
/// One clock session of one employee: the shifts a manual break joins, in order, and the breaks inside it.
/// <see cref="ClockOutUtc"/> is null while the session is open (its last shift is, or it goes on in an open break).
/// </summary>
public sealed record TimeClockSession(IReadOnlyList<ClockShift> Shifts, IReadOnlyList<BreakSpan> Breaks, DateTime? ClockOutUtc)
{
    /// <summary>The first shift's id: the session's identity wherever one id is shown or stored.</summary>
    public long Id => Shifts[0].Id;

    /// <summary>The first clock-in: its site-local date is the session's business day.</summary>
    public DateTime ClockInUtc => Shifts[0].ClockInUtc;

    /// <summary>The break the person is on now, if the session goes on in an open break.</summary>
    public BreakSpan? OpenBreak => Breaks.Any(b => b.EndUtc is null) ? Breaks.Last(b => b.EndUtc is null) : null;
}

/// <summary>
/// Sessions from shifts and manual breaks as Connecteam's time clock records them (scoring.md, Sessions §1, split
/// shifts): a break closes the running shift at its start and the time clock opens a new shift at its end, so a shift
/// whose clock-out is a break's start and a next shift whose clock-in is that break's end (each within
/// <see cref="JoinTolerance"/>) are one session; a break still open at a clock-out continues that session (open); a
/// break after a clock-out that no shift follows adds nothing; a break inside a shift (created through the API) stays
/// inside it. The one implementation for scoring, the dashboard, the shop floor and the employee day.
/// </summary>
public static class ClockSessions
{
    public static readonly TimeSpan JoinTolerance = TimeSpan.FromSeconds(60);

    /// <summary>The sessions of ONE employee, ordered by first clock-in. Inputs in any order.</summary>
    public static IReadOnlyList<TimeClockSession> Join(IEnumerable<ClockShift> shifts, IEnumerable<BreakSpan> breaks)
    {
        var ordered = shifts.OrderBy(s => s.ClockInUtc).ThenBy(s => s.ClockOutUtc ?? DateTime.MaxValue).ThenBy(s => s.Id).ToList();
        var free = breaks.OrderBy(b => b.StartUtc).ThenBy(b => b.Id).ToList();
        var sessions = new List<(List<ClockShift> Shifts, List<BreakSpan> Breaks, DateTime? Out)>();
        foreach (var shift in ordered)
        {
            if (sessions.Count > 0 && sessions[^1].Out is { } lastOut && TakeJoin(free, lastOut, shift.ClockInUtc) is { } join)
            {
                var current = sessions[^1];
                current.Shifts.Add(shift);
                current.Breaks.Add(join);
                sessions[^1] = current with { Out = shift.ClockOutUtc };
                continue;
            }
            sessions.Add(([shift], [], shift.ClockOutUtc));
        }
        // A break still open where a session ended: the person is on it now, and the session goes on.
        for (var i = 0; i < sessions.Count; i++)
        {
            if (sessions[i].Out is not { } end)
            {
                continue;
            }
            var open = free.FindIndex(b => b.EndUtc is null && Near(b.StartUtc, end));
            if (open >= 0)
            {
                sessions[i].Breaks.Add(free[open]);
                free.RemoveAt(open);
                sessions[i] = sessions[i] with { Out = null };
            }
        }
        // Breaks inside a session (the API-created exception) belong to the session they start in.
        foreach (var inner in free)
        {
            var owner = sessions.FindIndex(s => s.Shifts[0].ClockInUtc <= inner.StartUtc && (s.Out is null || inner.StartUtc < s.Out));
            if (owner >= 0)
            {
                sessions[owner].Breaks.Add(inner);
            }
        }
        return sessions
            .Select(s => new TimeClockSession(s.Shifts, s.Breaks.OrderBy(b => b.StartUtc).ThenBy(b => b.Id).ToList(), s.Out))
            .ToList();
    }

    /// <summary>Removes and returns the closed break that joins a clock-out to the next clock-in, if there is one.</summary>
    private static BreakSpan? TakeJoin(List<BreakSpan> free, DateTime clockOut, DateTime nextClockIn)
    {
        var index = free.FindIndex(b => b.EndUtc is { } end && Near(b.StartUtc, clockOut) && Near(end, nextClockIn));
        if (index < 0)
        {
            return null;
        }
        var join = free[index];
        free.RemoveAt(index);
        return join;
    }

    private static bool Near(DateTime a, DateTime b) => (a - b).Duration() <= JoinTolerance;
}
