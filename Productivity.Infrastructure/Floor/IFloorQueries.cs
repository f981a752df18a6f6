namespace Productivity.Infrastructure.Floor;

/// <summary>Reads the shop-floor board (see <see cref="FloorQueries"/>).</summary>
public interface IFloorQueries
{
    Task<FloorBoard> LoadAsync(DateOnly day, DateTime nowUtc, CancellationToken cancellationToken = default);
}
