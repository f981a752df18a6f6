using Productivity.Core.Integrations;

namespace Productivity.Infrastructure.Integrations;

/// <summary>Stands in when only Connecteam is configured: any PodFactory read fails with the key to set.</summary>
internal sealed class UnconfiguredPodFactory : IPodFactorySource
{
    private const string Message = "PodFactory is not configured: set ConnectionStrings:PodFactory.";

    public Task<IReadOnlyList<PodFactoryRow>> ReadAfterAsync(DateTime createdAfterUtc, long afterId, int limit, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException(Message);

    public Task<IReadOnlyList<PodFactoryRow>> ReadWindowsAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException(Message);
}
