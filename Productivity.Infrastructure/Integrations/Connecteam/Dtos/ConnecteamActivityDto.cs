namespace Productivity.Infrastructure.Integrations.Connecteam.Dtos;

/// <summary>A shift or a manual break; an open one has no <c>end</c> key at all.</summary>
internal sealed record ConnecteamActivityDto(string? Id, ConnecteamTimePointDto? Start, ConnecteamTimePointDto? End);
