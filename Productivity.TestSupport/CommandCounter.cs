using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Productivity.TestSupport;

/// <summary>Counts the database commands EF sends, to assert that work is batched rather than one query per row.</summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    private int _count;
    private int _selects;

    /// <summary>Every command sent.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Commands that read (start with SELECT).</summary>
    public int Selects => Volatile.Read(ref _selects);

    public void Reset()
    {
        Interlocked.Exchange(ref _count, 0);
        Interlocked.Exchange(ref _selects, 0);
    }

    private void Record(DbCommand command)
    {
        Interlocked.Increment(ref _count);
        if (command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
        {
            Interlocked.Increment(ref _selects);
        }
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }
}
