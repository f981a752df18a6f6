using System.Text.Json;

namespace Productivity.Infrastructure.Integrations.Connecteam.Dtos;

/// <summary>Items stay raw so that one unreadable user does not fail the page.</summary>
internal sealed record ConnecteamUsersDataDto(List<JsonElement>? Users);
