using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Productivity.Infrastructure.Identity;
using Productivity.Infrastructure.Telemetry;

namespace Productivity.Web.Realtime;

/// <summary>
/// The dashboard hub connections of this node with the session each was opened under. Authorization at connect is not
/// enough for a connection that stays open all day: before every push the sessions are checked again (one query for
/// all of them), and the connection of a user who was disabled, locked, demoted or signed out is dropped, not served.
/// </summary>
public sealed class HubSessions(SessionCheck sessions)
{
    private readonly ConcurrentDictionary<string, Connection> _connections = new();

    public int Count => _connections.Count;

    /// <summary>Registers a connection; false (and nothing registered) when its principal carries no session.</summary>
    public bool Add(HubCallerContext context)
    {
        if (context.User is null || sessions.SessionOf(context.User) is not { } session)
        {
            return false;
        }
        if (_connections.TryAdd(context.ConnectionId, new Connection(context, session.UserId, session.Stamp)))
        {
            ProductivityTelemetry.HubConnections.Add(1);
        }
        return true;
    }

    /// <summary>Forgets a connection; called again when an aborted connection disconnects, which changes nothing.</summary>
    public void Remove(string connectionId)
    {
        if (_connections.TryRemove(connectionId, out _))
        {
            ProductivityTelemetry.HubConnections.Add(-1);
        }
    }

    /// <summary>The connections whose sessions still stand; the others are aborted and forgotten.</summary>
    public async Task<IReadOnlyList<string>> CurrentAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = _connections.Values.ToList();
        if (snapshot.Count == 0)
        {
            return [];
        }
        var stamps = await sessions.CurrentStampsAsync(snapshot.Select(c => c.UserId).Distinct().ToList(), cancellationToken);
        var current = new List<string>(snapshot.Count);
        foreach (var connection in snapshot)
        {
            if (stamps.GetValueOrDefault(connection.UserId) == connection.Stamp)
            {
                current.Add(connection.Context.ConnectionId);
                continue;
            }
            Remove(connection.Context.ConnectionId);
            connection.Context.Abort();
        }
        return current;
    }

    private sealed record Connection(HubCallerContext Context, string UserId, string Stamp);
}
