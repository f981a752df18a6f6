using Microsoft.EntityFrameworkCore;
using Productivity.Core.Activities;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Infrastructure.Sync;

/// <summary>
/// Ingestion's bulk reads and writes of activity rows. The writes are <see cref="BulkWriter.UpsertAsync{T}"/> keyed by
/// the PodFactory id: ingestion is the hot path (100,000 rows must load at a good fraction of a plain bulk insert), and
/// an upsert makes concurrent runs safe.
/// </summary>
public static class ActivityRows
{
    // Pomelo inlines the ids as constants, so EF generates the SQL on every call: one query per sync batch, not five.
    private const int ReadChunk = ActivitySyncService.BatchSize;

    /// <summary>The columns ingestion writes; the business day and session are the recompute's and kept on an update.</summary>
    private static readonly string[] Written =
    [
        nameof(ActivityRecord.PodFactoryId), nameof(ActivityRecord.EmployeeId), nameof(ActivityRecord.Email),
        nameof(ActivityRecord.UserName), nameof(ActivityRecord.UserRole), nameof(ActivityRecord.Action),
        nameof(ActivityRecord.ItemsCount), nameof(ActivityRecord.WindowStartUtc), nameof(ActivityRecord.WindowEndUtc),
        nameof(ActivityRecord.SourceCreatedUtc), nameof(ActivityRecord.UpdatedUtc),
    ];

    public static async Task<Dictionary<long, ActivityRow>> ReadExistingAsync(ProductivityDbContext db, IReadOnlyList<long> podFactoryIds,
        CancellationToken cancellationToken)
    {
        var result = new Dictionary<long, ActivityRow>(podFactoryIds.Count);
        // PodFactory's ids grow: an id above the largest stored one is new, so a batch of new rows needs no lookup.
        var largest = await db.Activities.MaxAsync(a => (long?)a.PodFactoryId, cancellationToken);
        var candidates = largest is null ? [] : podFactoryIds.Where(id => id <= largest).ToList();
        foreach (var chunk in candidates.Chunk(ReadChunk))
        {
            var rows = await db.Activities.AsNoTracking()
                .Where(a => chunk.Contains(a.PodFactoryId))
                .Select(a => new ActivityRow(a.PodFactoryId, a.EmployeeId, a.Email, a.UserName, a.UserRole, a.Action, a.ItemsCount,
                    a.WindowStartUtc, a.WindowEndUtc, a.SourceCreatedUtc, a.UpdatedUtc))
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                result[row.PodFactoryId] = row;
            }
        }
        return result;
    }

    public static Task UpsertAsync(ProductivityDbContext db, IReadOnlyList<ActivityRow> rows, CancellationToken cancellationToken) =>
        BulkWriter.UpsertAsync(db, rows.Select(r => r.ToRecord()).ToList(), nameof(ActivityRecord.PodFactoryId), Written, cancellationToken);
}
