namespace Productivity.Core.Scoring;

/// <summary>The configurable constants of scoring.md ("Parameters"); <see cref="Default"/> holds the spec's defaults.</summary>
public sealed record ScoringParameters
{
    /// <summary>The spec's defaults: 15, 15, 1.05, 3, 5 and 16.</summary>
    public static ScoringParameters Default { get; } = new();

    /// <summary>Minutes of paid time allowed between clock-in and the first window before it counts as idle.</summary>
    public double StartAllowanceMinutes { get; init; } = 15;

    /// <summary>Minutes added to the end-of-shift allowance when the shift has a clock-out (cleanup time).</summary>
    public double CleanupAllowanceMinutes { get; init; } = 15;

    /// <summary>Multiplier on a batch window's standard time: threshold = items × 60 / expected × factor minutes.</summary>
    public double BatchFactor { get; init; } = 1.05;

    /// <summary>Floor, in minutes, of a batch threshold between two windows.</summary>
    public double BatchMinThresholdMinutes { get; init; } = 3;

    /// <summary>Floor, in minutes, of a batch threshold after the last window of a shift.</summary>
    public double BatchEndMinThresholdMinutes { get; init; } = 5;

    /// <summary>
    /// Largest open-shift cap, in hours: a day's inputs are read with one business day either side and "clocked in" looks
    /// at shifts of today and yesterday, so an open session may not run longer than a day.
    /// </summary>
    public const double MaxOpenShiftCapHours = 24;

    /// <summary>Hours after clock-in at which a shift with no clock-out stops counting (reported as capped); at most <see cref="MaxOpenShiftCapHours"/>.</summary>
    public double OpenShiftCapHours { get; init; } = 16;
}
