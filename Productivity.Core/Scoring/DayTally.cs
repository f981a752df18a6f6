namespace Productivity.Core.Scoring;

/// <summary>Unrounded running totals of one business day while a calculation runs.</summary>
internal sealed class DayTally(DateOnly day, int roleCount)
{
    public DateOnly Day { get; } = day;
    public int Items { get; set; }
    public int UnclockedItems { get; set; }
    public int UnclockedWindows { get; set; }
    public int Sessions { get; set; }
    public int OpenCapped { get; set; }
    public long ClockedTicks { get; set; }
    public long ActiveTicks { get; set; }
    public long PaidBreakTicks { get; set; }

    public int[] RoleItems { get; } = new int[roleCount];
    public int[] RoleClockedItems { get; } = new int[roleCount];
    public int[] RoleWindows { get; } = new int[roleCount];

    public List<IdlePeriod> IdlePeriods { get; } = [];
    public List<DataQualityFlag> Flags { get; } = [];
    public Dictionary<string, UnknownActionTally>? UnknownActions { get; set; }

    public void AddUnknown(string action, int items, long start, long end)
    {
        UnknownActions ??= new Dictionary<string, UnknownActionTally>(StringComparer.Ordinal);
        if (!UnknownActions.TryGetValue(action, out var tally))
        {
            tally = new UnknownActionTally(start, end);
            UnknownActions.Add(action, tally);
        }
        tally.Items += items;
        tally.FirstStart = Math.Min(tally.FirstStart, start);
        tally.LastEnd = Math.Max(tally.LastEnd, end);
    }
}
