namespace Productivity.Infrastructure.Integrations.Connecteam.Dtos;

internal sealed record ConnecteamUserDto(long? UserId, string? FirstName, string? LastName, string? Email, bool? IsArchived);
