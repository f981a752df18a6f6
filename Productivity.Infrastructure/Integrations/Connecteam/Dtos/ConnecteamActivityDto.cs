namespace Productivity.Infrastructure.Integrations.Connecteam.Dtos;

/// <summary>
/// A shift or a manual break; an open one has no <c>end</c> key at all. A break also names its type
/// (<c>manualBreakId</c>) and whether it is paid.
/// </summary>
internal sealed record ConnecteamActivityDto(string? Id, ConnecteamTimePointDto? Start, ConnecteamTimePointDto? End,
    string? ManualBreakId = null, bool? IsPaid = null);
