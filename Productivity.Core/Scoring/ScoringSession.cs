namespace Productivity.Core.Scoring;

/// <summary>A valid shift as a session [In, Out) in UTC ticks, with its breaks clipped and merged.</summary>
internal sealed class ScoringSession(ScoringShift shift, long inTicks, long outTicks, bool capped, long[] breaks, long paidBreakTicks)
{
    public ScoringShift Shift { get; } = shift;
    public long In { get; } = inTicks;
    public long Out { get; } = outTicks;
    public bool Capped { get; } = capped;

    /// <summary>Merged breaks as start, end pairs, sorted and inside [In, Out).</summary>
    public long[] Breaks { get; } = breaks;

    /// <summary>Ticks of the session inside breaks that Connecteam marks paid (clipped and merged): paid minutes only.</summary>
    public long PaidBreakTicks { get; } = paidBreakTicks;

    public DayTally? Day { get; set; }

    /// <summary>paid(a, b): ticks of [a, b) inside the session and outside its breaks.</summary>
    public long Paid(long a, long b)
    {
        if (a < In)
        {
            a = In;
        }
        if (b > Out)
        {
            b = Out;
        }
        if (b <= a)
        {
            return 0;
        }
        var paid = b - a;
        var breaks = Breaks;
        for (var i = 0; i < breaks.Length; i += 2)
        {
            var overlap = Math.Min(breaks[i + 1], b) - Math.Max(breaks[i], a);
            if (overlap > 0)
            {
                paid -= overlap;
            }
        }
        return paid;
    }

    public static int Compare(ScoringSession x, ScoringSession y)
    {
        var byIn = x.In.CompareTo(y.In);
        if (byIn != 0)
        {
            return byIn;
        }
        var byOut = x.Out.CompareTo(y.Out);
        return byOut != 0 ? byOut : string.CompareOrdinal(x.Shift.Id, y.Shift.Id);
    }
}
