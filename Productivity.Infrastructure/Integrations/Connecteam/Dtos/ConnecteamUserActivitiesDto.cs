using System.Text.Json;

namespace Productivity.Infrastructure.Integrations.Connecteam.Dtos;

/// <summary>One user's entry of <c>timeActivitiesByUsers</c>; <c>timeOffs</c> are not read.</summary>
internal sealed record ConnecteamUserActivitiesDto(long? UserId, List<JsonElement>? Shifts, List<JsonElement>? ManualBreaks);
