using System.Globalization;
using Productivity.Core.TimeClock;

namespace Productivity.Core.Scoring;

/// <summary>
/// One shift of the employee being scored. UTC instants (the <see cref="DateTime.Kind"/> is ignored);
/// <see cref="ClockOutUtc"/> is null while the person is still clocked in.
/// </summary>
/// <param name="Id">The shift's identifier, echoed in idle periods and flags.</param>
/// <param name="ClockInUtc">Clock-in; its site-local date is the session's business day.</param>
/// <param name="ClockOutUtc">Clock-out, or null for an open shift (then the session ends at min(now, clock-in + cap)).</param>
/// <param name="Breaks">Unpaid breaks; clipped to the session and merged by the calculator.</param>
public sealed record ScoringShift(string Id, DateTime ClockInUtc, DateTime? ClockOutUtc, IReadOnlyList<ScoringBreak> Breaks)
{
    /// <summary>A joined clock session as the calculator's unit; every manual break is unpaid for scoring whatever Connecteam says.</summary>
    public static ScoringShift From(TimeClockSession session) =>
        new(session.Id.ToString(CultureInfo.InvariantCulture), session.ClockInUtc, session.ClockOutUtc,
            session.Breaks.Select(b => new ScoringBreak(b.StartUtc, b.EndUtc, b.Name, b.IsPaid)).ToList());
}
