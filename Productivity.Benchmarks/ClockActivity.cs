namespace Productivity.Benchmarks;

/// <summary>A closed Connecteam shift or manual break of one user, as <see cref="FakeConnecteamApi"/> serves it.</summary>
public sealed record ClockActivity(string Id, long UserId, bool IsBreak, DateTime StartUtc, DateTime EndUtc);
