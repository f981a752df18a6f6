using Productivity.Core.Integrations;

namespace Productivity.Benchmarks;

/// <summary>The real source, counting its queries (each read is one SELECT on PodFactory's database) and the rows they return.</summary>
public sealed class CountingPodFactorySource(IPodFactorySource inner) : IPodFactorySource
{
    private int _queries;
    private long _rows;

    public int Queries => Volatile.Read(ref _queries);
    public long Rows => Interlocked.Read(ref _rows);

    public Task<IReadOnlyList<PodFactoryRow>> ReadAfterAsync(DateTime createdAfterUtc, long afterId, int limit, CancellationToken cancellationToken = default) =>
        CountAsync(inner.ReadAfterAsync(createdAfterUtc, afterId, limit, cancellationToken));

    public Task<IReadOnlyList<PodFactoryRow>> ReadWindowsAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken = default) =>
        CountAsync(inner.ReadWindowsAsync(fromUtc, toUtc, cancellationToken));

    private async Task<IReadOnlyList<PodFactoryRow>> CountAsync(Task<IReadOnlyList<PodFactoryRow>> read)
    {
        Interlocked.Increment(ref _queries);
        var rows = await read;
        Interlocked.Add(ref _rows, rows.Count);
        return rows;
    }
}
