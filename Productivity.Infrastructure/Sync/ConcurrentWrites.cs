using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MySqlConnector;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Infrastructure.Sync;

/// <summary>
/// Two runs of the same sync or recompute (a scheduled one and a manual one, or two nodes) may write the same rows at
/// once; the loser of the race gets a unique-key violation or a deadlock (or SQLite's busy lock). Every such write is
/// idempotent (an upsert, or a replace of the derived rows), so applying it again converges on the same state.
/// </summary>
internal static class ConcurrentWrites
{
    private const int MaxAttempts = 4;

    public static async Task ApplyAsync(ProductivityDbContext db, SyncOutcome outcome, Func<SyncOutcome, Task> apply)
    {
        var trial = new SyncOutcome();
        await RetryAsync(db, async () =>
        {
            trial = new SyncOutcome();
            await apply(trial);
        });
        outcome.MergeFrom(trial);
    }

    /// <summary>
    /// Runs an idempotent write (its own transaction), again on a conflict with a concurrent writer: a duplicate key,
    /// a deadlock or a lock wait (the server rolled the loser back), SQLite's busy lock.
    /// </summary>
    public static async Task RetryAsync(ProductivityDbContext db, Func<Task> write)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await write();
                return;
            }
            catch (Exception ex) when (attempt < MaxAttempts && IsConflict(ex))
            {
                db.ChangeTracker.Clear();
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt * Random.Shared.Next(1, 4)));
            }
        }
    }

    private static bool IsConflict(Exception ex) => ex switch
    {
        DbUpdateException => true,
        MySqlException { ErrorCode: MySqlErrorCode.DuplicateKeyEntry or MySqlErrorCode.LockDeadlock or MySqlErrorCode.LockWaitTimeout } => true,
        // 5 busy, 6 locked, 19 constraint.
        SqliteException { SqliteErrorCode: 5 or 6 or 19 } => true,
        // EF's execution strategy wraps what it considers transient.
        InvalidOperationException { InnerException: { } inner } => IsConflict(inner),
        _ => false,
    };
}
