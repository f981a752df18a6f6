using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MySqlConnector;

namespace Productivity.Infrastructure.Persistence;

/// <summary>
/// Two runs of the same sync or recompute (a scheduled one and a manual one, or two nodes) may write the same rows at
/// once; the loser of the race gets a unique-key violation or a deadlock (or SQLite's busy lock). Every such write is
/// idempotent (an upsert, or a replace of the derived rows), so applying it again converges on the same state.
/// </summary>
public static class ConcurrentWrites
{
    private const int MaxAttempts = 4;

    /// <summary>
    /// Runs an idempotent write (its own transaction), again on a conflict with a concurrent writer: a duplicate key,
    /// a deadlock or a lock wait (the server rolled the loser back), SQLite's busy lock.
    /// </summary>
    public static Task RetryAsync(DbContext db, Func<Task> write) =>
        RetryAsync(db, async () =>
        {
            await write();
            return true;
        });

    /// <summary>
    /// The same for a write that reports what it did: only the attempt that committed reports, so an attempt that was
    /// rolled back counts nothing (each attempt builds its report afresh).
    /// </summary>
    public static async Task<T> RetryAsync<T>(DbContext db, Func<Task<T>> write)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await write();
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
