using Productivity.Core.Integrations;

namespace Productivity.Infrastructure.Integrations;

/// <summary>Stands in when only PodFactory is configured: any Connecteam read fails with the key to set.</summary>
internal sealed class UnconfiguredConnecteam : IConnecteamClient
{
    private const string Message = "Connecteam is not configured: set Connecteam:ApiKey.";

    public Task<IReadOnlyList<ConnecteamUser>> GetUsersAsync(CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException(Message);

    public Task<IReadOnlyList<ConnecteamClock>> GetTimeClocksAsync(CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException(Message);

    public Task<ConnecteamActivities> GetTimeActivitiesAsync(long clockId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException(Message);

    public Task<IReadOnlyList<ConnecteamBreakType>> GetBreakTypesAsync(long clockId, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException(Message);
}
