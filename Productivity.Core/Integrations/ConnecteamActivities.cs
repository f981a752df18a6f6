namespace Productivity.Core.Integrations;

/// <summary>
/// What one time-activities read returned: shifts and breaks (UTC), the items that were rejected, and the
/// <see cref="Users"/> whose activities it returned in full. Connecteam lists every user assigned to the clock, even
/// without activities, so a shift missing from a listed user's shifts is gone; a user who is not listed (no longer
/// assigned, an unreadable entry, or an unreadable shift among theirs) says nothing about their shifts.
/// </summary>
public sealed record ConnecteamActivities(
    IReadOnlyList<ConnecteamShift> Shifts,
    IReadOnlyList<ConnecteamBreak> Breaks,
    IReadOnlyList<RejectedRow> Rejected,
    IReadOnlySet<long> Users);

/// <summary>A Connecteam shift; <see cref="EndUtc"/> is null while the person is clocked in (the API omits <c>end</c>).</summary>
public sealed record ConnecteamShift(string Id, long UserId, long ClockId, DateTime StartUtc, DateTime? EndUtc);

/// <summary>
/// A Connecteam manual break: a sibling of the shifts in the API, normally between the shift it closed and the one it
/// reopened; <see cref="BreakTypeId"/> is its <c>manualBreakId</c> (the clock's break type).
/// </summary>
public sealed record ConnecteamBreak(string Id, long UserId, long ClockId, DateTime StartUtc, DateTime? EndUtc,
    string? BreakTypeId = null, bool IsPaid = false);
