using Productivity.Core.Integrations;

namespace Productivity.Infrastructure.Integrations.Demo;

/// <summary>PodFactory's <c>report_actions</c> as seen in demo mode: the floor's windows created by now.</summary>
public sealed class DemoPodFactorySource(DemoFloor floor) : IPodFactorySource
{
    public Task<IReadOnlyList<PodFactoryRow>> ReadAfterAsync(
        DateTime createdAfterUtc, long afterId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<PodFactoryRow> rows =
        [
            .. floor.GetRows()
                .Where(r => r.CreatedUtc > createdAfterUtc || (r.CreatedUtc == createdAfterUtc && r.Id > afterId))
                .Take(limit),
        ];
        return Task.FromResult(rows);
    }

    public Task<IReadOnlyList<PodFactoryRow>> ReadWindowsAsync(
        DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<PodFactoryRow> rows =
        [
            .. floor.GetRows().Where(r => r.WindowStartUtc >= fromUtc && r.WindowStartUtc < toUtc).OrderBy(r => r.Id),
        ];
        return Task.FromResult(rows);
    }
}
