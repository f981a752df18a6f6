namespace Productivity.Infrastructure.Floor;

/// <summary>Items of one PodFactory action (station).</summary>
public sealed record StationCount(string Station, int Items);
