using System.Text.Json;

namespace Productivity.Infrastructure.Integrations.Connecteam.Dtos;

internal sealed record ConnecteamTimeActivitiesDataDto(List<JsonElement>? TimeActivitiesByUsers);
