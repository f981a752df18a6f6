namespace Productivity.Core.Scoring;

/// <summary>Items and time span of one unknown action within a day.</summary>
internal sealed class UnknownActionTally(long start, long end)
{
    public int Items { get; set; }
    public long FirstStart { get; set; } = start;
    public long LastEnd { get; set; } = end;
}
