namespace Productivity.Core.Integrations;

public sealed record ConnecteamUser(long UserId, string FirstName, string LastName, string? Email, bool IsArchived)
{
    public string FullName => $"{FirstName} {LastName}".Trim();
}

/// <summary>Every readable user of an answer, and the items that were not (with reasons).</summary>
public sealed record ConnecteamUsers(IReadOnlyList<ConnecteamUser> Users, IReadOnlyList<RejectedRow> Rejected);
