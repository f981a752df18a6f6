namespace Productivity.Infrastructure.Integrations.Connecteam.Dtos;

internal sealed record ConnecteamTimeClockDto(long? Id, string? Name, bool? IsArchived);
