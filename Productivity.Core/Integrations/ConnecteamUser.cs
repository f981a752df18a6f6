namespace Productivity.Core.Integrations;

public sealed record ConnecteamUser(long UserId, string FirstName, string LastName, string? Email, bool IsArchived)
{
    public string FullName => $"{FirstName} {LastName}".Trim();
}
