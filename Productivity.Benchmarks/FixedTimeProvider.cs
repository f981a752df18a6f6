namespace Productivity.Benchmarks;

/// <summary>A clock stopped at one instant, so that a benchmark measures the same "now" every run.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
