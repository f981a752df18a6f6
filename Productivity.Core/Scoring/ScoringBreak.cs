namespace Productivity.Core.Scoring;

/// <summary>
/// A Connecteam manual break: unpaid time inside a shift. UTC instants (the <see cref="DateTime.Kind"/> is ignored);
/// <see cref="EndUtc"/> is null while the break is open, and an open break ends at "now".
/// </summary>
public sealed record ScoringBreak(DateTime StartUtc, DateTime? EndUtc);
