namespace Productivity.Infrastructure.Integrations.Connecteam.Dtos;

/// <summary><c>timestamp</c> is Unix seconds (UTC); <c>timezone</c> is the IANA zone of the clock, not needed for UTC.</summary>
internal sealed record ConnecteamTimePointDto(long? Timestamp, string? Timezone);
