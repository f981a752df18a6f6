using MySqlConnector;

namespace Productivity.Tests.Faults;

/// <summary>
/// Holds row locks on the last day's stored scores, so that a recompute of the range blocks inside its transaction
/// (its DELETE of that day waits for the lock) and a fault can be injected at a known point of it, instead of racing a
/// recompute that takes about a second. The rows are locked by primary key: nothing else is blocked.
/// </summary>
internal sealed class RecomputeLock : IAsyncDisposable
{
    private readonly MySqlConnection _connection;
    private readonly MySqlTransaction _transaction;

    private RecomputeLock(MySqlConnection connection, MySqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    public static async Task<RecomputeLock> TakeAsync(string database)
    {
        var connection = new MySqlConnection(database);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        var ids = await FaultSnapshot.LinesAsync(database,
            $"SELECT Id FROM daily_scores WHERE BusinessDay = '{FaultInput.ToText}'");
        ids.ShouldNotBeEmpty();
        await using var command = new MySqlCommand($"SELECT COUNT(*) FROM daily_scores WHERE Id IN ({string.Join(',', ids)}) FOR UPDATE",
            connection, transaction);
        await command.ExecuteScalarAsync();
        return new RecomputeLock(connection, transaction);
    }

    /// <summary>Whether a connection to <paramref name="database"/>'s schema waits for a row lock (the recompute, blocked).</summary>
    public static async Task<bool> SomeoneWaitsAsync(string database) =>
        await FaultSteps.CountAsync(database, """
            SELECT COUNT(*) FROM information_schema.INNODB_TRX t JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id
            WHERE t.trx_state = 'LOCK WAIT' AND p.DB = DATABASE()
            """) > 0;

    /// <summary>Rolls back and closes; quiet when the server has gone (killed with the locks).</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _transaction.RollbackAsync();
        }
        catch (Exception ex) when (ex is MySqlException or InvalidOperationException)
        {
            // The server was killed: its locks went with it.
        }
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
