namespace Productivity.Benchmarks;

/// <summary>One clock session (UTC) with its lunch break.</summary>
public sealed record FloorShift(int Employee, DateOnly Day, DateTime InUtc, DateTime OutUtc, DateTime BreakStartUtc, DateTime BreakEndUtc);
