namespace Productivity.Benchmarks;

/// <summary>A closed Connecteam shift or manual break of one user, as the benchmarks give it to <see cref="FakeConnecteamServer"/>.</summary>
public sealed record ClockActivity(string Id, long UserId, bool IsBreak, DateTime StartUtc, DateTime EndUtc);
