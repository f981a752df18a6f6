using Productivity.Core.Integrations;
using Productivity.Core.Sync;

namespace Productivity.Infrastructure.Sync;

/// <summary>What a sync run did: counts, rejected rows with reasons, warnings, and the (employee, day) pairs it changed.</summary>
public sealed class SyncOutcome
{
    /// <summary>Rejected rows kept (for the run's details and the pages that show them); every one is counted.</summary>
    public const int MaxRejectedKept = 200;

    /// <summary>Longest key or reason kept: a reason quotes the rejected value, which may be as long as the whole input.</summary>
    public const int MaxRejectedText = 200;

    private readonly List<RejectedRow> _rejected = [];

    public int ItemsRead { get; set; }
    public int Added { get; set; }
    public int Updated { get; set; }
    public int Removed { get; set; }
    public int Unchanged { get; set; }
    /// <summary>The first <see cref="MaxRejectedKept"/> rejected rows: bounded, however bad the input.</summary>
    public IReadOnlyList<RejectedRow> Rejected => _rejected;
    /// <summary>Every rejected row, kept or not.</summary>
    public int RejectedCount { get; private set; }
    public List<string> Warnings { get; } = [];
    /// <summary>The change feed: exactly the (employee, business day) pairs whose inputs this run changed.</summary>
    public HashSet<EmployeeDay> ChangedDays { get; } = [];
    /// <summary>Per business day: shifts added, changed and removed (the reconciliation report).</summary>
    public SortedDictionary<DateOnly, DayReport> Days { get; } = [];
    /// <summary>Removed shifts kept for the run's details; <see cref="Removed"/> counts every one.</summary>
    public const int MaxRemovedKept = 200;
    private readonly List<RemovedShift> _removedShifts = [];
    /// <summary>
    /// The first <see cref="MaxRemovedKept"/> shifts this run removed: a removal deletes time someone worked, so each
    /// one is named, and the list stays bounded however much a range re-read removes.
    /// </summary>
    public IReadOnlyList<RemovedShift> RemovedShifts => _removedShifts;

    /// <summary>Counts a removed shift and keeps it for the details while there is room.</summary>
    public void RemoveShift(RemovedShift shift)
    {
        Removed++;
        if (_removedShifts.Count < MaxRemovedKept)
        {
            _removedShifts.Add(shift);
        }
    }

    /// <summary>
    /// Set by a poll that read no row past its cursor and wrote nothing (it may have re-read rows it had seen):
    /// a scheduled poll like that is not recorded as a run (<see cref="SyncRunner.FinishAsync"/>).
    /// </summary>
    public bool FoundNothing { get; set; }

    /// <summary>
    /// Runs a sync into a new outcome and returns it. A sync that fails part-way has still written what it wrote, and
    /// those changed days must be rescored and its counts recorded: the failure is rethrown as a
    /// <see cref="SyncFailedException"/> that carries the outcome so far. A cancelled sync is not wrapped.
    /// </summary>
    public static async Task<SyncOutcome> CollectAsync(Func<SyncOutcome, Task> sync, CancellationToken cancellationToken)
    {
        var outcome = new SyncOutcome();
        try
        {
            await sync(outcome);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A sync run inside another (the shift sync's read of new users) fails the outer one with the same cause.
            throw new SyncFailedException(outcome, ex is SyncFailedException { InnerException: { } cause } ? cause : ex);
        }
        return outcome;
    }

    public DayReport Day(DateOnly day)
    {
        if (!Days.TryGetValue(day, out var report))
        {
            report = new DayReport();
            Days[day] = report;
        }
        return report;
    }

    public void Reject(string source, string key, string reason) => Reject(new RejectedRow(source, key, reason));

    public void Reject(RejectedRow row)
    {
        RejectedCount++;
        if (_rejected.Count < MaxRejectedKept)
        {
            _rejected.Add(row with { Key = Excerpt(row.Key), Reason = Excerpt(row.Reason) });
        }
    }

    public void MergeFrom(SyncOutcome other)
    {
        ItemsRead += other.ItemsRead;
        Added += other.Added;
        Updated += other.Updated;
        Removed += other.Removed;
        Unchanged += other.Unchanged;
        _rejected.AddRange(other.Rejected.Take(MaxRejectedKept - _rejected.Count));
        RejectedCount += other.RejectedCount;
        Warnings.AddRange(other.Warnings);
        _removedShifts.AddRange(other.RemovedShifts.Take(MaxRemovedKept - _removedShifts.Count));
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

    private static string Excerpt(string text) =>
        text.Length <= MaxRejectedText ? text : string.Concat(text.AsSpan(0, MaxRejectedText - 1), "…");
}

/// <summary>A sync that failed part-way: <see cref="Partial"/> is what it did before; the cause is the inner exception.</summary>
public sealed class SyncFailedException(SyncOutcome partial, Exception cause) : Exception(cause.Message, cause)
{
    public SyncOutcome Partial { get; } = partial;
}

public sealed record RemovedShift(long ClockId, string ShiftId, int EmployeeId, DateOnly BusinessDay);

public sealed class DayReport
{
    public int Added { get; set; }
    public int Changed { get; set; }
    public int Removed { get; set; }
    public int Shifts { get; set; }
}

/// <summary>
/// A CSV import's outcome as a page shows it (mappings, pay rates): its recorded run, lines, and the first rejected lines
/// (at most <see cref="SyncOutcome.MaxRejectedKept"/>) of <see cref="RejectedCount"/>.
/// </summary>
public sealed record CsvImport(long RunId, int LinesRead, int Applied, int RejectedCount, IReadOnlyList<RejectedRow> Rejected, string? Error)
{
    public static CsvImport Of(SyncRunResult result) => new(result.Run.Id, result.Outcome.ItemsRead, result.Outcome.Added,
        result.Outcome.RejectedCount, result.Outcome.Rejected, result.Failure?.Message);
}
