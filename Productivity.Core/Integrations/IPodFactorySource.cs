namespace Productivity.Core.Integrations;

/// <summary>PodFactory's production log (<c>report_actions</c>); a port so that an HTTP source can be added later.</summary>
public interface IPodFactorySource
{
    /// <summary>
    /// Rows ordered by (<c>created_at</c>, <c>id</c>) strictly after the position (<paramref name="createdAfterUtc"/>,
    /// <paramref name="afterId"/>), at most <paramref name="limit"/> of them.
    /// </summary>
    Task<IReadOnlyList<PodFactoryRow>> ReadAfterAsync(DateTime createdAfterUtc, long afterId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Every row whose <c>window_start</c> lies in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>).</summary>
    Task<IReadOnlyList<PodFactoryRow>> ReadWindowsAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken = default);
}
