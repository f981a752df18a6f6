using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MySqlConnector;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Infrastructure.Sync;

/// <summary>
/// Two runs of the same sync (a scheduled one and a manual one, or two nodes) may write the same new rows at once;
/// the loser of the race gets a unique-key violation (or SQLite's busy lock). Every sync write is an idempotent
/// upsert, so applying it again over the winner's rows converges on the same state.
/// </summary>
internal static class ConcurrentWrites
{
    private const int MaxAttempts = 4;

    public static async Task ApplyAsync(ProductivityDbContext db, SyncOutcome outcome, Func<SyncOutcome, Task> apply)
    {
        for (var attempt = 1; ; attempt++)
        {
            var trial = new SyncOutcome();
            try
            {
                await apply(trial);
                outcome.MergeFrom(trial);
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
        MySqlException { ErrorCode: MySqlErrorCode.DuplicateKeyEntry or MySqlErrorCode.LockDeadlock } => true,
        // 5 busy, 6 locked, 19 constraint.
        SqliteException { SqliteErrorCode: 5 or 6 or 19 } => true,
        InvalidOperationException { InnerException: DbException inner } => IsConflict(inner),
        _ => false,
    };
}
