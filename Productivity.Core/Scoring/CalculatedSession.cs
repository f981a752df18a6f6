namespace Productivity.Core.Scoring;

/// <summary>A session as the calculator scores it: its shift, business day (of the clock-in), end (the clock-out, or now / the cap) and whether the cap ended it.</summary>
public sealed record CalculatedSession(ScoringShift Shift, DateOnly BusinessDay, DateTime EndUtc, bool Capped);
