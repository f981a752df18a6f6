using Productivity.Core.Integrations;
using Productivity.Core.Sync;

namespace Productivity.Infrastructure.Sync;

/// <summary>What a sync run did: counts, rejected rows with reasons, warnings, and the (employee, day) pairs it changed.</summary>
public sealed class SyncOutcome
{
    public int ItemsRead { get; set; }
    public int Added { get; set; }
    public int Updated { get; set; }
    public int Removed { get; set; }
    public int Unchanged { get; set; }
    public List<RejectedRow> Rejected { get; } = [];
    public List<string> Warnings { get; } = [];
    /// <summary>The change feed: exactly the (employee, business day) pairs whose inputs this run changed.</summary>
    public HashSet<EmployeeDay> ChangedDays { get; } = [];
    /// <summary>Per business day: shifts added, changed and removed (the reconciliation report).</summary>
    public SortedDictionary<DateOnly, DayReport> Days { get; } = [];
    /// <summary>
    /// Set by a poll that read no row past its cursor and wrote nothing (it may have re-read rows it had seen):
    /// a scheduled poll like that is not recorded as a run (<see cref="SyncRunner.PollAsync"/>).
    /// </summary>
    public bool FoundNothing { get; set; }

    public DayReport Day(DateOnly day)
    {
        if (!Days.TryGetValue(day, out var report))
        {
            report = new DayReport();
            Days[day] = report;
        }
        return report;
    }

    public void Reject(string source, string key, string reason) => Rejected.Add(new RejectedRow(source, key, reason));

    public void MergeFrom(SyncOutcome other)
    {
        ItemsRead += other.ItemsRead;
        Added += other.Added;
        Updated += other.Updated;
        Removed += other.Removed;
        Unchanged += other.Unchanged;
        Rejected.AddRange(other.Rejected);
        Warnings.AddRange(other.Warnings);
        ChangedDays.UnionWith(other.ChangedDays);
        foreach (var (day, report) in other.Days)
        {
            var target = Day(day);
            target.Added += report.Added;
            target.Changed += report.Changed;
            target.Removed += report.Removed;
            target.Shifts += report.Shifts;
        }
    }
}

public sealed class DayReport
{
    public int Added { get; set; }
    public int Changed { get; set; }
    public int Removed { get; set; }
    public int Shifts { get; set; }
}
