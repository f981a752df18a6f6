using Productivity.Core.Integrations;

namespace Productivity.Tests.TestSupport;

/// <summary>A scriptable <see cref="IPodFactorySource"/> honouring the (created_at, id) ordering of the real table.</summary>
public sealed class InMemoryPodFactory : IPodFactorySource
{
    public List<PodFactoryRow> Rows { get; } = [];

    /// <summary>When set, every read throws it (PodFactory's database down).</summary>
    public Exception? Failure { get; set; }

    public async Task<IReadOnlyList<PodFactoryRow>> ReadAfterAsync(DateTime createdAfterUtc, long afterId, int limit, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        if (Failure is not null)
        {
            throw Failure;
        }
        return Rows.Where(r => r.CreatedUtc > createdAfterUtc || (r.CreatedUtc == createdAfterUtc && r.Id > afterId))
            .OrderBy(r => r.CreatedUtc).ThenBy(r => r.Id).Take(limit).ToList();
    }

    public async Task<IReadOnlyList<PodFactoryRow>> ReadWindowsAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        if (Failure is not null)
        {
            throw Failure;
        }
        return Rows.Where(r => r.WindowStartUtc >= fromUtc && r.WindowStartUtc < toUtc).OrderBy(r => r.Id).ToList();
    }

    public PodFactoryRow Add(long id, string email, string action, int items, DateTime startUtc, int minutes = 10, string? name = null,
        DateTime? createdUtc = null)
    {
        var row = new PodFactoryRow(id, email, name, null, action, items, startUtc, startUtc.AddMinutes(minutes),
            createdUtc ?? startUtc.AddMinutes(minutes + 1));
        Rows.Add(row);
        return row;
    }

    public void Replace(long id, Func<PodFactoryRow, PodFactoryRow> change)
    {
        var index = Rows.FindIndex(r => r.Id == id);
        Rows[index] = change(Rows[index]);
    }
}
