namespace Productivity.Core.Scoring;

/// <summary>Which rule of scoring.md gave the allowance of an idle period.</summary>
public enum IdleRule
{
    /// <summary>Gap from clock-in to the first window, allowed the start allowance.</summary>
    StartAllowance,

    /// <summary>Gap between windows, allowed the threshold of the window before it.</summary>
    AfterWindow,

    /// <summary>Gap from the last window to the end of the session, allowed threshold_at_end + cleanup (if clocked out).</summary>
    EndAllowance,

    /// <summary>A session without any window: the whole session is idle, with no allowance.</summary>
    NoProduction,
}
