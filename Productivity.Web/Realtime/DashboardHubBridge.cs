using Microsoft.AspNetCore.SignalR;
using Productivity.Core.Realtime;

namespace Productivity.Web.Realtime;

/// <summary>
/// Forwards every score update this node hears (its own and, with Redis, those of other nodes and the command line) to
/// the hub connections of this node whose sessions still stand. Sending to this node's own connections rather than to
/// all keeps delivery exactly-once when the Redis backplane is on: every node forwards every update, each to its own.
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
