using Productivity.Core.Integrations;

namespace Productivity.Infrastructure.Integrations.Demo;

/// <summary>Connecteam as seen in demo mode: the floor's people, one clock and their shifts and lunch breaks.</summary>
public sealed class DemoConnecteamClient(DemoFloor floor) : IConnecteamClient
{
    public Task<IReadOnlyList<ConnecteamUser>> GetUsersAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(floor.Users);
    }

    public Task<IReadOnlyList<ConnecteamClock>> GetTimeClocksAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<ConnecteamClock>>([new ConnecteamClock(DemoFloor.ClockId, DemoFloor.ClockName, IsArchived: false)]);
    }

    public Task<ConnecteamActivities> GetTimeActivitiesAsync(
        long clockId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(clockId == DemoFloor.ClockId ? floor.GetTimeActivities(from, to) : new ConnecteamActivities([], [], [], new HashSet<long>()));
    }

    public Task<IReadOnlyList<ConnecteamBreakType>> GetBreakTypesAsync(long clockId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(clockId == DemoFloor.ClockId ? DemoFloor.BreakTypes : []);
    }
}
