namespace Productivity.Core.Scoring;

/// <summary>
/// A Connecteam manual break: unpaid time inside a session for scoring. UTC instants (the <see cref="DateTime.Kind"/> is
/// ignored); <see cref="EndUtc"/> is null while the break is open, and an open break ends at "now". <see cref="Name"/>
/// (the break type's) is for display only; <see cref="IsPaid"/> (Connecteam's flag) counts only towards paid minutes.
/// </summary>
public sealed record ScoringBreak(DateTime StartUtc, DateTime? EndUtc, string? Name = null, bool IsPaid = false);
