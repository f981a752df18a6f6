namespace Productivity.Core.Integrations;

/// <summary>What one time-activities read returned: shifts and breaks (UTC), and the items that were rejected.</summary>
public sealed record ConnecteamActivities(
    IReadOnlyList<ConnecteamShift> Shifts,
    IReadOnlyList<ConnecteamBreak> Breaks,
    IReadOnlyList<RejectedRow> Rejected);

/// <summary>A Connecteam shift; <see cref="EndUtc"/> is null while the person is clocked in (the API omits <c>end</c>).</summary>
public sealed record ConnecteamShift(string Id, long UserId, long ClockId, DateTime StartUtc, DateTime? EndUtc);

/// <summary>
/// A Connecteam manual break: a sibling of the shifts in the API, normally between the shift it closed and the one it
/// reopened; <see cref="BreakTypeId"/> is its <c>manualBreakId</c> (the clock's break type).
/// </summary>
public sealed record ConnecteamBreak(string Id, long UserId, long ClockId, DateTime StartUtc, DateTime? EndUtc,
    string? BreakTypeId = null, bool IsPaid = false);
