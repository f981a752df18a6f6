namespace Productivity.Core.Scoring;

/// <summary>
/// A gap of a session whose paid minutes exceed its allowance (scoring.md: every gap with positive excess).
/// Instants are UTC; minutes are paid minutes (breaks excluded) rounded half away from zero to 2 decimals.
/// </summary>
/// <param name="ShiftId">The shift (session) the gap belongs to.</param>
/// <param name="StartUtc">Gap start: clock-in, or the end of the covering window before the gap.</param>
/// <param name="EndUtc">Gap end: the start of the next window, or the end of the session.</param>
/// <param name="ExcessMinutes">Gap minus allowance (&gt; 0): the minutes counted as idle.</param>
/// <param name="GapMinutes">Paid minutes of [start, end).</param>
/// <param name="AllowanceMinutes">Minutes the rule allowed.</param>
/// <param name="Rule">Which allowance applied.</param>
/// <param name="WindowId">For <see cref="IdleRule.AfterWindow"/> and <see cref="IdleRule.EndAllowance"/>: the window whose threshold applied.</param>
/// <param name="WindowAction">That window's action.</param>
/// <param name="WindowItems">That window's items.</param>
public sealed record IdlePeriod(
    string ShiftId,
    DateTime StartUtc,
    DateTime EndUtc,
    double ExcessMinutes,
    double GapMinutes,
    double AllowanceMinutes,
    IdleRule Rule,
    long? WindowId,
    string? WindowAction,
    int? WindowItems);
