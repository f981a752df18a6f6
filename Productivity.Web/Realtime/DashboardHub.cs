using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Productivity.Core.Security;

namespace Productivity.Web.Realtime;

/// <summary>
/// Live score updates for clients that are not Blazor pages. Receive-only: it has no method a client can call, so
/// nothing beyond "these days and employees changed" ever leaves through it, and only to signed-in dashboard users
/// whose session still stands at each push (<see cref="HubSessions"/>).
/// </summary>
[Authorize(Roles = Roles.Everyone)]
public sealed class DashboardHub(HubSessions sessions) : Hub<IDashboardClient>
{
    public const string Path = "/hubs/dashboard";

    public override Task OnConnectedAsync()
    {
        if (!sessions.Add(Context))
        {
            Context.Abort();
        }
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        sessions.Remove(Context.ConnectionId);
        return Task.CompletedTask;
    }
}
