using Microsoft.EntityFrameworkCore;
using Productivity.Core.Integrations;
using Productivity.Core.Sync;
using Productivity.Core.Time;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Infrastructure.Sync;

/// <summary>
/// Ingests PodFactory <c>report_actions</c> rows: incrementally on a (created_at, id) cursor re-reading the last
/// 30 minutes, or whole business days. Rows are upserted by PodFactory id (a changed row updates ours), credited to an
/// employee only through a verified e-mail mapping, and validated: a bad row is rejected and reported, the rest stored.
/// </summary>
public sealed class ActivitySyncService(
    ProductivityDbContext db,
    IPodFactorySource source,
    MappingLookup mappings,
    ActivityDays activityDays,
    SiteClock siteClock,
    TimeProvider timeProvider)
{
    public const string CursorName = "podfactory";
    public const int BatchSize = 5000;

    /// <summary>The stored size of a PodFactory user name (activities and pending mappings); a longer one is cut.</summary>
    private const int MaxUserName = 200;

    /// <summary>Rows may be committed late in PodFactory's database, so every incremental read starts this far before the cursor.</summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(30);

    public Task<SyncOutcome> SyncIncrementalAsync(CancellationToken cancellationToken = default) =>
        SyncOutcome.CollectAsync(outcome => SyncIncrementalAsync(outcome, cancellationToken), cancellationToken);

    /// <summary>Re-reads every row whose window starts on the site-local days <paramref name="from"/>..<paramref name="to"/>.</summary>
    public Task<SyncOutcome> SyncDaysAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        SyncOutcome.CollectAsync(outcome => SyncDaysAsync(from, to, outcome, cancellationToken), cancellationToken);

    /// <summary>Bound of the unscored rows one run takes up (<see cref="OwedDaysAsync"/>); the next run takes the rest.</summary>
    public const int MaxUnscoredPerRun = 50_000;

    private async Task SyncIncrementalAsync(SyncOutcome outcome, CancellationToken cancellationToken)
    {
        await OwedDaysAsync(outcome, cancellationToken);
        var cursor = await db.SyncCursors.FindAsync([CursorName], cancellationToken);
        var start = cursor is null ? (DateTime.MinValue, 0L) : (cursor.CreatedUtc - Overlap, 0L);
        var last = cursor is null ? (DateTime.MinValue, 0L) : (cursor.CreatedUtc, cursor.LastId);
        var from = last;
        using var readAhead = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var next = ReadAfterAsync(start, readAhead.Token);
        try
        {
            while (true)
            {
                var rows = await next;
                if (rows.Count == BatchSize)
                {
                    // The next batch is read from PodFactory while this one is written to our database.
                    next = ReadAfterAsync((rows[^1].CreatedUtc, rows[^1].Id), readAhead.Token);
                }
                if (rows.Count > 0)
                {
                    outcome.MergeFrom(await ConcurrentWrites.RetryAsync(db, () => ApplyAsync(rows, cancellationToken)));
                    var tail = (rows[^1].CreatedUtc, rows[^1].Id);
                    if (tail.CompareTo(last) > 0)
                    {
                        last = tail;
                    }
                }
                if (rows.Count < BatchSize)
                {
                    break;
                }
            }
        }
        finally
        {
            await StopAsync(next, readAhead);
        }
        // A row without created_at reads as DateTime.MinValue: no position to keep (and no room for the overlap before it).
        if (last != from && last.Item1 != DateTime.MinValue)
        {
            await SaveCursorAsync(last.Item1, last.Item2, cancellationToken);
        }
        // Rows of the overlap that are stored already (or rejected again) are nothing new: they were reported when
        // they first came past the cursor. A late commit inside the overlap is new, and is written.
        // Days owed a rescoring (OwedDaysAsync) are something: the run that repairs them is recorded.
        outcome.FoundNothing = last == from && outcome.Added == 0 && outcome.Updated == 0 && outcome.ChangedDays.Count == 0;
    }

    private async Task SyncDaysAsync(DateOnly from, DateOnly to, SyncOutcome outcome, CancellationToken cancellationToken)
    {
        await OwedDaysAsync(outcome, cancellationToken);
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var (start, end) = siteClock.UtcRangeOf(day);
            var rows = await source.ReadWindowsAsync(start, end, cancellationToken);
            outcome.MergeFrom(await ConcurrentWrites.RetryAsync(db, () => ApplyAsync(rows, cancellationToken)));
        }
    }

    /// <summary>
    /// The days of stored, attributed rows that were never scored (no business day yet) go into this run's change feed.
    /// A run stores its rows batch by batch and rescores at its end (<see cref="SyncPipeline"/>): when the process or the
    /// database dies in between, the rows stay stored, and the next run reads them as unchanged (or, past the cursor, not
    /// at all), so without this their days would keep the scores from before. Read before this run writes anything, so
    /// its own rows are not counted twice; one index range (BusinessDay first), empty in the steady state.
    /// </summary>
    private async Task OwedDaysAsync(SyncOutcome outcome, CancellationToken cancellationToken)
    {
        var unscored = await db.Activities.AsNoTracking()
            .Where(a => a.BusinessDay == null && a.EmployeeId != null)
            .OrderBy(a => a.EmployeeId)
            .Take(MaxUnscoredPerRun)
            .Select(a => new { EmployeeId = a.EmployeeId!.Value, a.WindowStartUtc, a.WindowEndUtc })
            .ToListAsync(cancellationToken);
        if (unscored.Count > 0)
        {
            outcome.ChangedDays.UnionWith(await activityDays.DaysOfAsync(
                unscored.Select(u => (u.EmployeeId, u.WindowStartUtc, u.WindowEndUtc)).ToList(), cancellationToken));
        }
    }

    private Task<IReadOnlyList<PodFactoryRow>> ReadAfterAsync((DateTime CreatedUtc, long Id) position, CancellationToken cancellationToken) =>
        source.ReadAfterAsync(DateTime.SpecifyKind(position.CreatedUtc, DateTimeKind.Utc), position.Id, BatchSize, cancellationToken);

    /// <summary>When a write fails, the read ahead may still be running: it is cancelled and waited for, and its own error dropped.</summary>
    private static async Task StopAsync(Task<IReadOnlyList<PodFactoryRow>> read, CancellationTokenSource readAhead)
    {
        if (read.IsCompletedSuccessfully)
        {
            return;
        }
        await readAhead.CancelAsync();
        try
        {
            await read;
        }
        catch (Exception)
        {
            // Nothing of it was applied, and the error that ended the sync is already on its way to the caller.
        }
    }

    /// <summary>One batch, in full or not at all: a retried batch reports only its last attempt.</summary>
    private async Task<SyncOutcome> ApplyAsync(IReadOnlyList<PodFactoryRow> rows, CancellationToken cancellationToken)
    {
        var outcome = new SyncOutcome();
        outcome.ItemsRead += rows.Count;
        var valid = new List<PodFactoryRow>(rows.Count);
        var checkedAt = timeProvider.GetUtcNow().UtcDateTime;
        foreach (var row in rows.DistinctBy(r => r.Id))
        {
            if (IncomingRows.Check(row, checkedAt) is { } rejection)
            {
                outcome.Reject("podfactory", $"report_actions {row.Id}", Reason(rejection, row));
            }
            else
            {
                valid.Add(row);
            }
        }
        if (valid.Count == 0)
        {
            return outcome;
        }

        var verified = await mappings.VerifiedAsync(cancellationToken);
        // The name is cut to the stored column's size here too: it is queued with the e-mail (pending_mappings).
        var unknown = valid.Select(r => (Email: MappingLookup.Normalize(r.UserEmail)!, UserName: Trim(r.UserName, MaxUserName)))
            .Where(r => !verified.ContainsKey(r.Email))
            .GroupBy(r => r.Email)
            .ToDictionary(g => g.Key, g => g.Select(r => r.UserName).FirstOrDefault(n => n is not null));
        foreach (var (email, employeeId) in await mappings.ResolveUnknownAsync(unknown, cancellationToken))
        {
            verified[email] = employeeId;
        }
        var unattributed = unknown.Keys.Where(e => !verified.ContainsKey(e)).ToHashSet();
        if (unattributed.Count > 0)
        {
            outcome.Warnings.Add($"{valid.Count(r => unattributed.Contains(MappingLookup.Normalize(r.UserEmail)!))} rows from " +
                $"{unattributed.Count} unmapped e-mail(s) stored unattributed: {string.Join(", ", unattributed.Order().Take(20))}");
        }
        var knownActions = (await db.ActionRoles.AsNoTracking().Select(r => r.Action).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        foreach (var action in valid.Where(r => !knownActions.Contains(r.Action!)).GroupBy(r => r.Action!))
        {
            outcome.Warnings.Add($"Unknown action '{action.Key}': {action.Count()} rows kept with no role (0 points).");
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var incoming = valid.Select(r => new ActivityRow(
            r.Id,
            verified.TryGetValue(MappingLookup.Normalize(r.UserEmail)!, out var id) ? id : null,
            MappingLookup.Normalize(r.UserEmail)!,
            Trim(r.UserName, MaxUserName),
            Trim(r.UserRole, 100),
            r.Action!.Trim(),
            r.ItemsCount!.Value,
            r.WindowStartUtc!.Value,
            r.WindowEndUtc!.Value,
            r.CreatedUtc,
            now)).ToList();
        var existing = await ActivityRows.ReadExistingAsync(db, incoming.Select(r => r.PodFactoryId).ToList(), cancellationToken);
        var toWrite = new List<ActivityRow>();
        var touched = new List<(int EmployeeId, DateTime StartUtc, DateTime EndUtc)>();
        foreach (var row in incoming)
        {
            if (!existing.TryGetValue(row.PodFactoryId, out var old))
            {
                toWrite.Add(row);
                outcome.Added++;
            }
            else if (!old.SameContentAs(row))
            {
                toWrite.Add(row);
                outcome.Updated++;
                if (old.EmployeeId is { } oldEmployee)
                {
                    touched.Add((oldEmployee, old.WindowStartUtc, old.WindowEndUtc));
                }
            }
            else
            {
                outcome.Unchanged++;
                continue;
            }
            if (row.EmployeeId is { } employee)
            {
                touched.Add((employee, row.WindowStartUtc, row.WindowEndUtc));
            }
        }
        await ActivityRows.UpsertAsync(db, toWrite, cancellationToken);
        outcome.ChangedDays.UnionWith(await activityDays.DaysOfAsync(touched, cancellationToken));
        return outcome;
    }

    /// <summary>The reason stored with a rejected row (the run's details): the rule Core found broken, with the values.</summary>
    private static string Reason(RowRejection rejection, PodFactoryRow row) => rejection switch
    {
        RowRejection.MissingOrInvalidEmail => "missing or invalid user_email",
        RowRejection.EmailTooLong => $"user_email longer than {IncomingRows.MaxEmailLength} characters",
        RowRejection.MissingAction => "missing action",
        RowRejection.ActionTooLong => $"action longer than {IncomingRows.MaxActionLength} characters",
        RowRejection.MissingItemsCount => "missing items_count",
        RowRejection.NegativeItemsCount => $"negative items_count {row.ItemsCount}",
        RowRejection.ItemsCountTooHigh => $"items_count {row.ItemsCount} is over {IncomingRows.MaxItemsCount} in one window",
        RowRejection.MissingWindow => "missing window_start or window_end",
        RowRejection.WindowInTheFuture => $"window_end {row.WindowEndUtc:u} is more than a day in the future",
        RowRejection.EndNotAfterStart => $"window_end {row.WindowEndUtc:u} is not after window_start {row.WindowStartUtc:u}",
        _ => rejection.ToString(),
    };

    private async Task SaveCursorAsync(DateTime createdUtc, long lastId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var cursor = await db.SyncCursors.FindAsync([CursorName], cancellationToken);
        if (cursor is null)
        {
            db.SyncCursors.Add(new SyncCursor { Source = CursorName, CreatedUtc = createdUtc, LastId = lastId, UpdatedUtc = now });
        }
        else if ((createdUtc, lastId).CompareTo((cursor.CreatedUtc, cursor.LastId)) > 0)
        {
            // Only forward: a slower concurrent run must not move the cursor back.
            cursor.CreatedUtc = createdUtc;
            cursor.LastId = lastId;
            cursor.UpdatedUtc = now;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two first runs at once both inserted the cursor; the other run's position is as good as ours.
            db.ChangeTracker.Clear();
        }
    }

    private static string? Trim(string? value, int length) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim() is var t && t.Length > length ? t[..length] : value.Trim();
}
