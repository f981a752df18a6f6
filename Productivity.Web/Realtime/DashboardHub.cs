using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Productivity.Core.Security;
using Productivity.Infrastructure.Realtime;

namespace Productivity.Web.Realtime;

/// <summary>
/// Live score updates for clients that are not Blazor pages. Receive-only: it has no method a client can call, so
/// nothing beyond "these days and employees changed" ever leaves through it, and only to signed-in dashboard users.
/// </summary>
[Authorize(Roles = Roles.Everyone)]
public sealed class DashboardHub(ScoreUpdateNotifier notifier) : Hub<IDashboardClient>
{
    public const string Path = "/hubs/dashboard";

    /// <summary>The connections of one node: each node sends every update to its own connections only.</summary>
    public static string NodeGroup(string nodeId) => $"node:{nodeId}";

    public override Task OnConnectedAsync() => Groups.AddToGroupAsync(Context.ConnectionId, NodeGroup(notifier.NodeId));
}
