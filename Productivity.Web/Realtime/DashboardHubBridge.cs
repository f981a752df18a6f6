using Microsoft.AspNetCore.SignalR;
using Productivity.Core.Realtime;
using Productivity.Infrastructure.Realtime;

namespace Productivity.Web.Realtime;

/// <summary>
/// Forwards every score update this node hears (its own and, with Redis, those of other nodes and the command line) to
/// the hub connections of this node. Sending to the node's group rather than to all keeps delivery exactly-once
/// when the Redis backplane is on: every node forwards every update, each to its own connections.
/// </summary>
internal sealed class DashboardHubBridge(
    IScoreUpdateFeed feed,
    ScoreUpdateNotifier notifier,
    IHubContext<DashboardHub, IDashboardClient> hub) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var group = DashboardHub.NodeGroup(notifier.NodeId);
        _subscription = feed.Subscribe(update => hub.Clients.Group(group).ScoresUpdated(update.Days, update.EmployeeIds, update.OccurredAt));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
