using Microsoft.AspNetCore.SignalR;
using Productivity.Core.Realtime;

namespace Productivity.Web.Realtime;

/// <summary>
/// Forwards every score update this node hears (its own and, with Redis, those of other nodes and the command line) to
/// the hub connections of this node whose sessions still stand. Every node hears every update once (the relay), and each
/// sends it to its own connections only: delivery is exactly once without a SignalR backplane (decision record 0019).
/// </summary>
internal sealed class DashboardHubBridge(
    IScoreUpdateFeed feed,
    HubSessions sessions,
    IHubContext<DashboardHub, IDashboardClient> hub) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = feed.Subscribe(async update =>
        {
            // A resync after a Redis outage names no day; the hub's clients get the relayed updates themselves.
            if (update.AnyDay)
            {
                return;
            }
            var connections = await sessions.CurrentAsync();
            if (connections.Count > 0)
            {
                await hub.Clients.Clients(connections).ScoresUpdated(update.Days, update.EmployeeIds, update.OccurredAt);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
