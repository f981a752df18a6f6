using System.Buffers;
using System.Globalization;
using Productivity.Core.Time;

namespace Productivity.Core.Scoring;

/// <summary>
/// The scoring calculator of shared/spec/scoring.md: pure and deterministic, with "now" passed in. One instance holds
/// the rules (roles, parameters, site time zone), is immutable and may be shared across threads.
/// </summary>
/// <remarks>
/// Time is computed in exact UTC ticks (100 ns): thresholds and allowances are converted to ticks once, paid time
/// and idle time are sums of ticks, and points and standard minutes are exact decimals. Rounding happens only when
/// a result is built.
/// </remarks>
public sealed class ScoreCalculator
{
    /// <summary>An action with no role is treated as continuous with this threshold, in minutes (spec: 10).</summary>
    public const double UnknownActionThresholdMinutes = 10;

    private const long TicksPerMinute = TimeSpan.TicksPerMinute;

    private readonly RoleTable _roles;
    private readonly SiteClock _clock;
    private readonly double _batchFactor;
    private readonly long _startAllowance;
    private readonly long _cleanupAllowance;
    private readonly long _batchMinThreshold;
    private readonly long _batchEndMinThreshold;
    private readonly long _openShiftCap;
    private readonly long _unknownThreshold;
    private readonly bool[] _isBatch;
    private readonly long[] _continuousThreshold;
    private readonly double[] _expectedPerHour;
    private readonly decimal[] _expectedPerHourExact;
    private readonly decimal[] _pointsPerItemExact;
    private readonly string[] _roleNames;

    /// <param name="roles">Roles indexed by action.</param>
    /// <param name="parameters">Allowances, batch factor and floors, and the open-shift cap.</param>
    /// <param name="siteTimeZone">The site zone <c>Z</c>: decides business days only.</param>
    public ScoreCalculator(RoleTable roles, ScoringParameters parameters, TimeZoneInfo siteTimeZone)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(siteTimeZone);

        _roles = roles;
        _clock = new SiteClock(siteTimeZone);
        _batchFactor = parameters.BatchFactor;
        _startAllowance = MinutesToTicks(parameters.StartAllowanceMinutes);
        _cleanupAllowance = MinutesToTicks(parameters.CleanupAllowanceMinutes);
        _batchMinThreshold = MinutesToTicks(parameters.BatchMinThresholdMinutes);
        _batchEndMinThreshold = MinutesToTicks(parameters.BatchEndMinThresholdMinutes);
        _openShiftCap = MinutesToTicks(parameters.OpenShiftCapHours * 60);
        _unknownThreshold = MinutesToTicks(UnknownActionThresholdMinutes);

        var count = roles.Roles.Count;
        _isBatch = new bool[count];
        _continuousThreshold = new long[count];
        _expectedPerHour = new double[count];
        _expectedPerHourExact = new decimal[count];
        _pointsPerItemExact = new decimal[count];
        _roleNames = new string[count];
        for (var i = 0; i < count; i++)
        {
            var role = roles.Roles[i];
            _isBatch[i] = role.Kind == RoleKind.Batch;
            _continuousThreshold[i] = role.Kind == RoleKind.Continuous ? MinutesToTicks(role.IdleThresholdMinutes ?? 0) : 0;
            _expectedPerHour[i] = role.ExpectedPerHour;
            // The decimal conversion keeps 15 significant digits, so 1.33 and 133 are exactly 1.33m and 133m.
            _expectedPerHourExact[i] = (decimal)role.ExpectedPerHour;
            _pointsPerItemExact[i] = (decimal)role.PointsPerItem;
            _roleNames[i] = role.RoleName;
        }
    }

    /// <summary>
    /// Scores every business day that has at least one session or one window of ONE employee, ordered by day.
    /// </summary>
    /// <param name="shifts">All of the employee's shifts that may overlap the windows passed (any order).</param>
    /// <param name="windows">All of the employee's windows that may overlap the shifts passed (any order).</param>
    /// <param name="nowUtc">"Now" in UTC: ends open shifts and open breaks, and hides shifts that start later.</param>
    /// <remarks>
    /// A window belongs to the first session (by clock-in) it overlaps, so a day is only right when every shift
    /// overlapping its windows is passed too; use the overload with a day range to keep only complete days.
    /// </remarks>
    public IReadOnlyList<EmployeeDayScore> Calculate(
        IReadOnlyList<ScoringShift> shifts,
        IReadOnlyList<ScoringWindow> windows,
        DateTime nowUtc) =>
        Calculate(shifts, windows, nowUtc, DateOnly.MinValue, DateOnly.MaxValue);

    /// <summary>As <see cref="Calculate(IReadOnlyList{ScoringShift}, IReadOnlyList{ScoringWindow}, DateTime)"/>, with "now" from a <see cref="TimeProvider"/>.</summary>
    public IReadOnlyList<EmployeeDayScore> Calculate(
        IReadOnlyList<ScoringShift> shifts,
        IReadOnlyList<ScoringWindow> windows,
        DateTimeOffset now) =>
        Calculate(shifts, windows, now.UtcDateTime, DateOnly.MinValue, DateOnly.MaxValue);

    /// <summary>
    /// Scores the business days from <paramref name="firstDay"/> to <paramref name="lastDay"/> (inclusive, site-local)
    /// that have at least one session or one window, ordered by day. Inputs as in the other overload.
    /// </summary>
    public IReadOnlyList<EmployeeDayScore> Calculate(
        IReadOnlyList<ScoringShift> shifts,
        IReadOnlyList<ScoringWindow> windows,
        DateTime nowUtc,
        DateOnly firstDay,
        DateOnly lastDay)
    {
        ArgumentNullException.ThrowIfNull(shifts);
        ArgumentNullException.ThrowIfNull(windows);

        var days = new List<DayTally>();
        var sessions = BuildSessions(shifts, nowUtc.Ticks);
        foreach (var session in sessions)
        {
            var day = _clock.BusinessDayOf(new DateTime(session.In, DateTimeKind.Utc));
            if (day < firstDay || day > lastDay)
            {
                continue;
            }
            var tally = session.Day = FindOrAddDay(days, day);
            tally.Sessions++;
            if (session.Capped)
            {
                tally.OpenCapped++;
                tally.Flags.Add(new DataQualityFlag(
                    DataQualityIssue.OpenShiftCapped, session.Shift.Id, 0, Utc(session.In), Utc(session.Out)));
            }
        }

        var slots = ArrayPool<WindowSlot>.Shared.Rent(Math.Max(1, windows.Count));
        try
        {
            var slotCount = AttributeWindows(sessions, windows, days, firstDay, lastDay, slots);
            var span = slots.AsSpan(0, slotCount);
            if (!IsSorted(span))
            {
                span.Sort();
            }
            ScoreSessions(sessions, windows, span);
        }
        finally
        {
            ArrayPool<WindowSlot>.Shared.Return(slots);
        }

        days.Sort(static (x, y) => x.Day.CompareTo(y.Day));
        var results = new EmployeeDayScore[days.Count];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = BuildScore(days[i]);
        }
        return results;
    }

    /// <summary>
    /// Where each window belongs (scoring.md "Sessions" rule 3), in the order of <paramref name="windows"/>: the rule the
    /// scores use, for the recompute to store and for the change feed to ask which day a new window touches.
    /// </summary>
    /// <remarks>A window's owner is only right when every shift that may overlap it is passed (as for <c>Calculate</c>).</remarks>
    public WindowOwner[] Attribute(IReadOnlyList<ScoringShift> shifts, IReadOnlyList<ScoringWindow> windows, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(shifts);
        ArgumentNullException.ThrowIfNull(windows);
        var sessions = BuildSessions(shifts, nowUtc.Ticks);
        var maxOut = MaxOut(sessions);
        var owners = new WindowOwner[windows.Count];
        for (var i = 0; i < owners.Length; i++)
        {
            var start = windows[i].StartUtc.Ticks;
            var end = Math.Max(start, windows[i].EndUtc.Ticks);
            var index = FirstOverlappingSession(sessions, maxOut, start, end);
            owners[i] = index >= 0
                ? new WindowOwner(_clock.BusinessDayOf(Utc(sessions[index].In)), sessions[index].Shift.Id)
                : new WindowOwner(_clock.BusinessDayOf(Utc(start)), null);
        }
        return owners;
    }

    /// <summary>
    /// The sessions the scores are built from (scoring.md "Sessions": an open shift ends at min(now, in + cap), a shift
    /// that starts after now or is empty is none), ordered as the calculator orders them (clock-in, end, id).
    /// </summary>
    public IReadOnlyList<CalculatedSession> Sessions(IReadOnlyList<ScoringShift> shifts, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(shifts);
        return BuildSessions(shifts, nowUtc.Ticks)
            .Select(s => new CalculatedSession(s.Shift, _clock.BusinessDayOf(Utc(s.In)), Utc(s.Out), s.Capped))
            .ToList();
    }

    // scoring.md threshold(w), in ticks. Batch: max(floor, items × 60 / expected × factor) minutes, the floor being 3
    // between windows and 5 at the end of a shift; continuous: the role's threshold; unknown action: 10 minutes.
    private long Threshold(int role, int items, bool atEnd)
    {
        if (role < 0)
        {
            return _unknownThreshold;
        }
        if (!_isBatch[role])
        {
            return _continuousThreshold[role];
        }
        var minutes = items * 60.0 / _expectedPerHour[role] * _batchFactor;
        var ticks = (long)Math.Round(minutes * TicksPerMinute, MidpointRounding.AwayFromZero);
        return Math.Max(atEnd ? _batchEndMinThreshold : _batchMinThreshold, ticks);
    }

    // scoring.md "Sessions": an open shift ends at min(now, in + cap) and is capped when the cap is reached; a shift
    // that starts after now, or whose session would be empty (clock-out <= clock-in), is skipped. Sorted by clock-in
    // (then out and id, so that equal clock-ins cannot depend on input order).
    private ScoringSession[] BuildSessions(IReadOnlyList<ScoringShift> shifts, long now)
    {
        var sessions = new ScoringSession[shifts.Count];
        var count = 0;
        for (var i = 0; i < shifts.Count; i++)
        {
            var shift = shifts[i];
            var clockIn = shift.ClockInUtc.Ticks;
            if (clockIn > now)
            {
                continue;
            }
            long clockOut;
            var capped = false;
            if (shift.ClockOutUtc is { } closed)
            {
                clockOut = closed.Ticks;
            }
            else if (now - clockIn >= _openShiftCap)
            {
                clockOut = clockIn + _openShiftCap;
                capped = true;
            }
            else
            {
                clockOut = now;
            }
            if (clockOut <= clockIn)
            {
                continue;
            }
            var paidBreaks = MergeBreaks(shift.Breaks, clockIn, clockOut, now, paidOnly: true);
            sessions[count++] = new ScoringSession(shift, clockIn, clockOut, capped, MergeBreaks(shift.Breaks, clockIn, clockOut, now, paidOnly: false),
                SumOfSpans(paidBreaks));
        }
        Array.Resize(ref sessions, count);
        Array.Sort(sessions, ScoringSession.Compare);
        return sessions;
    }

    // Every break is unpaid time for scoring; the breaks Connecteam marks paid (paidOnly) count only towards paid minutes,
    // the labour-cost definition (README, "Labour cost").
    private static long[] MergeBreaks(IReadOnlyList<ScoringBreak>? breaks, long clockIn, long clockOut, long now, bool paidOnly)
    {
        if (breaks is null || breaks.Count == 0)
        {
            return [];
        }
        var clipped = new List<(long Start, long End)>(breaks.Count);
        foreach (var shiftBreak in breaks)
        {
            if (paidOnly && !shiftBreak.IsPaid)
            {
                continue;
            }
            var start = Math.Max(shiftBreak.StartUtc.Ticks, clockIn);
            var end = Math.Min(shiftBreak.EndUtc?.Ticks ?? now, clockOut);
            if (end > start)
            {
                clipped.Add((start, end));
            }
        }
        if (clipped.Count == 0)
        {
            return [];
        }
        clipped.Sort();
        var merged = new List<long>(clipped.Count * 2) { clipped[0].Start, clipped[0].End };
        for (var i = 1; i < clipped.Count; i++)
        {
            var (start, end) = clipped[i];
            if (start <= merged[^1])
            {
                merged[^1] = Math.Max(merged[^1], end);
            }
            else
            {
                merged.Add(start);
                merged.Add(end);
            }
        }
        return [.. merged];
    }

    private static long SumOfSpans(long[] spans)
    {
        var sum = 0L;
        for (var i = 0; i < spans.Length; i += 2)
        {
            sum += spans[i + 1] - spans[i];
        }
        return sum;
    }

    // scoring.md "Sessions" rule 3: a window goes to the first session (by clock-in) it overlaps, else it is unclocked
    // and belongs to the day of its start. Writes the clocked windows of in-range days into slots, clipped to their session.
    private int AttributeWindows(
        ScoringSession[] sessions,
        IReadOnlyList<ScoringWindow> windows,
        List<DayTally> days,
        DateOnly firstDay,
        DateOnly lastDay,
        WindowSlot[] slots)
    {
        var maxOut = MaxOut(sessions);

        var slotCount = 0;
        long cachedDayStart = 0;
        long cachedDayEnd = 0;
        DayTally? cachedDay = null;
        string? lastAction = null;
        var lastRole = -1;
        for (var i = 0; i < windows.Count; i++)
        {
            var window = windows[i];
            var start = window.StartUtc.Ticks;
            var end = Math.Max(start, window.EndUtc.Ticks);
            if (!ReferenceEquals(window.Action, lastAction))
            {
                lastAction = window.Action;
                lastRole = _roles.IndexOf(window.Action);
            }
            var role = lastRole;

            var sessionIndex = FirstOverlappingSession(sessions, maxOut, start, end);
            DayTally? day;
            if (sessionIndex >= 0)
            {
                var session = sessions[sessionIndex];
                day = session.Day;
                if (day is null)
                {
                    continue;
                }
                slots[slotCount++] = new WindowSlot(
                    sessionIndex, Math.Max(start, session.In), Math.Min(end, session.Out), window.Id, role, window.Items, i);
            }
            else
            {
                if (start < cachedDayStart || start >= cachedDayEnd)
                {
                    var date = _clock.BusinessDayOf(new DateTime(start, DateTimeKind.Utc));
                    var (dayStart, dayEnd) = _clock.UtcRangeOf(date);
                    cachedDayStart = dayStart.Ticks;
                    cachedDayEnd = dayEnd.Ticks;
                    cachedDay = date < firstDay || date > lastDay ? null : FindOrAddDay(days, date);
                }
                day = cachedDay;
                if (day is null)
                {
                    continue;
                }
                day.UnclockedItems += window.Items;
                day.UnclockedWindows++;
                day.Flags.Add(new DataQualityFlag(
                    DataQualityIssue.ProductionOutsideSession,
                    window.Id.ToString(CultureInfo.InvariantCulture),
                    window.Items,
                    Utc(start),
                    Utc(end)));
            }

            day.Items += window.Items;
            if (role >= 0)
            {
                day.RoleItems[role] += window.Items;
                day.RoleWindows[role]++;
                if (sessionIndex >= 0)
                {
                    day.RoleClockedItems[role] += window.Items;
                }
            }
            else
            {
                day.AddUnknown(window.Action, window.Items, start, end);
            }
        }
        return slotCount;
    }

    // maxOut[i] = latest end among sessions 0..i: non-decreasing, so the first session ending after a window's start is
    // found by binary search, and it is the first overlapping one if it also starts before the window ends.
    private static long[] MaxOut(ScoringSession[] sessions)
    {
        var maxOut = new long[sessions.Length];
        for (var i = 0; i < sessions.Length; i++)
        {
            maxOut[i] = i == 0 ? sessions[i].Out : Math.Max(maxOut[i - 1], sessions[i].Out);
        }
        return maxOut;
    }

    // scoring.md "Sessions" rule 3, the one implementation: the first session (by clock-in) a window overlaps, or -1.
    private static int FirstOverlappingSession(ScoringSession[] sessions, long[] maxOut, long start, long end)
    {
        var lo = 0;
        var hi = maxOut.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (maxOut[mid] > start)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }
        return lo < sessions.Length && sessions[lo].In < end ? lo : -1;
    }

    private void ScoreSessions(ScoringSession[] sessions, IReadOnlyList<ScoringWindow> windows, ReadOnlySpan<WindowSlot> slots)
    {
        var next = 0;
        for (var s = 0; s < sessions.Length; s++)
        {
            var session = sessions[s];
            var day = session.Day;
            if (day is null)
            {
                continue;
            }
            var first = next;
            while (next < slots.Length && slots[next].Session == s)
            {
                next++;
            }

            var clocked = session.Paid(session.In, session.Out);
            long idle;
            if (first == next)
            {
                idle = clocked;
                if (clocked > 0)
                {
                    day.IdlePeriods.Add(new IdlePeriod(
                        session.Shift.Id, Utc(session.In), Utc(session.Out), ScoreRounding.Minutes(clocked),
                        ScoreRounding.Minutes(clocked), 0, IdleRule.NoProduction, null, null, null));
                }
                day.Flags.Add(new DataQualityFlag(
                    DataQualityIssue.ShiftWithoutProduction, session.Shift.Id, 0, Utc(session.In), Utc(session.Out)));
            }
            else
            {
                idle = IdleOfSession(session, windows, slots[first..next], day);
            }

            day.ClockedTicks += clocked;
            day.PaidBreakTicks += session.PaidBreakTicks;
            day.ActiveTicks += Math.Clamp(clocked - idle, 0, clocked);
        }
    }

    // The cursor loop of scoring.md "Active time of one session", on windows sorted by (clipped start, clipped end, id).
    private long IdleOfSession(ScoringSession session, IReadOnlyList<ScoringWindow> windows, ReadOnlySpan<WindowSlot> slots, DayTally day)
    {
        ref readonly var first = ref slots[0];
        var idle = 0L;

        var gap = session.Paid(session.In, first.Start);
        if (gap > _startAllowance)
        {
            idle += gap - _startAllowance;
            AddIdlePeriod(day, session, session.In, first.Start, gap, _startAllowance, IdleRule.StartAllowance, windows, -1);
        }

        var cursor = first.End;
        var prev = 0;
        for (var i = 1; i < slots.Length; i++)
        {
            ref readonly var window = ref slots[i];
            if (window.Start > cursor)
            {
                gap = session.Paid(cursor, window.Start);
                var threshold = Threshold(slots[prev].Role, slots[prev].Items, atEnd: false);
                if (gap > threshold)
                {
                    idle += gap - threshold;
                    AddIdlePeriod(day, session, cursor, window.Start, gap, threshold, IdleRule.AfterWindow, windows, slots[prev].Index);
                }
            }
            if (window.End >= cursor)
            {
                cursor = window.End;
                prev = i;
            }
        }

        var endAllowance = Threshold(slots[prev].Role, slots[prev].Items, atEnd: true)
            + (session.Shift.ClockOutUtc.HasValue ? _cleanupAllowance : 0);
        gap = session.Paid(cursor, session.Out);
        if (gap > endAllowance)
        {
            idle += gap - endAllowance;
            AddIdlePeriod(day, session, cursor, session.Out, gap, endAllowance, IdleRule.EndAllowance, windows, slots[prev].Index);
        }
        return idle;
    }

    private static void AddIdlePeriod(
        DayTally day,
        ScoringSession session,
        long start,
        long end,
        long gap,
        long allowance,
        IdleRule rule,
        IReadOnlyList<ScoringWindow> windows,
        int windowIndex)
    {
        var window = windowIndex >= 0 ? windows[windowIndex] : null;
        day.IdlePeriods.Add(new IdlePeriod(
            session.Shift.Id,
            Utc(start),
            Utc(end),
            ScoreRounding.Minutes(gap - allowance),
            ScoreRounding.Minutes(gap),
            ScoreRounding.Minutes(allowance),
            rule,
            window?.Id,
            window?.Action,
            window?.Items));
    }

    private EmployeeDayScore BuildScore(DayTally day)
    {
        var points = 0m;
        var standard = 0m;
        string? primaryRole = null;
        var primaryItems = 0L;
        for (var r = 0; r < _roleNames.Length; r++)
        {
            if (day.RoleWindows[r] == 0)
            {
                continue;
            }
            points += RoleRules.Points(day.RoleItems[r], _pointsPerItemExact[r]);
            standard += RoleRules.StandardMinutes(day.RoleClockedItems[r], _expectedPerHourExact[r]);
            var name = _roleNames[r];
            var items = ItemsOfRoleName(day, name);
            if (RoleRules.IsBetterPrimary(name, items, primaryRole, primaryItems))
            {
                primaryRole = name;
                primaryItems = items;
            }
        }

        if (day.UnknownActions is { } unknown)
        {
            foreach (var (action, tally) in unknown)
            {
                day.Flags.Add(new DataQualityFlag(
                    DataQualityIssue.UnknownAction, action, tally.Items, Utc(tally.FirstStart), Utc(tally.LastEnd)));
            }
        }
        day.Flags.Sort(CompareFlags);

        var clocked = day.ClockedTicks;
        var active = day.ActiveTicks;
        return new EmployeeDayScore
        {
            BusinessDay = day.Day,
            Items = day.Items,
            Points = ScoreRounding.TwoDecimals(points),
            ClockedMinutes = ScoreRounding.Minutes(clocked),
            PaidMinutes = ScoreRounding.Minutes(clocked + day.PaidBreakTicks),
            ActiveMinutes = ScoreRounding.Minutes(active),
            IdleMinutes = ScoreRounding.Minutes(clocked - active),
            Utilization = clocked == 0 ? 0 : ScoreRounding.Ratio((decimal)active / clocked),
            StandardMinutes = ScoreRounding.TwoDecimals(standard),
            Performance = active == 0 ? null : ScoreRounding.Ratio(standard * TicksPerMinute / active),
            PrimaryRole = primaryRole,
            UnclockedItems = day.UnclockedItems,
            UnclockedWindows = day.UnclockedWindows,
            Sessions = day.Sessions,
            OpenCapped = day.OpenCapped,
            IdlePeriods = [.. day.IdlePeriods],
            Flags = [.. day.Flags],
        };
    }

    // Two actions may share a role name; the primary role is decided per role, not per action.
    private long ItemsOfRoleName(DayTally day, string name)
    {
        var items = 0L;
        for (var r = 0; r < _roleNames.Length; r++)
        {
            if (string.Equals(_roleNames[r], name, StringComparison.Ordinal))
            {
                items += day.RoleItems[r];
            }
        }
        return items;
    }

    private static int CompareFlags(DataQualityFlag x, DataQualityFlag y)
    {
        var byIssue = x.Issue.CompareTo(y.Issue);
        if (byIssue != 0)
        {
            return byIssue;
        }
        var byStart = x.StartUtc.CompareTo(y.StartUtc);
        if (byStart != 0)
        {
            return byStart;
        }
        var bySubject = string.CompareOrdinal(x.Subject, y.Subject);
        if (bySubject != 0)
        {
            return bySubject;
        }
        var byEnd = x.EndUtc.CompareTo(y.EndUtc);
        return byEnd != 0 ? byEnd : x.Items.CompareTo(y.Items);
    }

    private static DayTally FindOrAddDay(List<DayTally> days, DateOnly day, int roleCount)
    {
        for (var i = days.Count - 1; i >= 0; i--)
        {
            if (days[i].Day == day)
            {
                return days[i];
            }
        }
        var tally = new DayTally(day, roleCount);
        days.Add(tally);
        return tally;
    }

    private DayTally FindOrAddDay(List<DayTally> days, DateOnly day) => FindOrAddDay(days, day, _roleNames.Length);

    private static bool IsSorted(ReadOnlySpan<WindowSlot> slots)
    {
        for (var i = 1; i < slots.Length; i++)
        {
            if (slots[i - 1].CompareTo(slots[i]) > 0)
            {
                return false;
            }
        }
        return true;
    }

    private static long MinutesToTicks(double minutes) =>
        (long)Math.Round(minutes * TicksPerMinute, MidpointRounding.AwayFromZero);

    private static DateTime Utc(long ticks) => new(ticks, DateTimeKind.Utc);
}
