using System.Text.Json;

namespace Productivity.Infrastructure.Integrations.Connecteam.Dtos;

internal sealed record ConnecteamManualBreaksDataDto(List<JsonElement>? ManualBreaks);
