using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Productivity.Core.Realtime;

namespace Productivity.Infrastructure.Dashboard;

/// <summary>
/// Bumps the cache version of every day a recompute announces, on every node that hears the announcement. It
/// subscribes when the host starts, before the jobs and before any circuit, and the notifier calls subscribers in
/// order, so a dashboard reloading for an update always finds that update's days already invalidated.
/// </summary>
public sealed class DashboardCacheInvalidator(IScoreUpdateFeed feed, DashboardCache cache, ILogger<DashboardCacheInvalidator> logger)
    : IHostedService, IDisposable
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = feed.Subscribe(OnScoresUpdatedAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _subscription = null;
    }

    private async Task OnScoresUpdatedAsync(ScoresUpdated update)
    {
        await cache.BumpAsync(update.Days);
        logger.LogDebug("Dashboard cache invalidated for {Days}.", string.Join(", ", update.Days));
    }
}
