namespace Productivity.Benchmarks;

/// <summary>One person: <see cref="Email"/> is their PodFactory login, also their Connecteam e-mail.</summary>
public sealed record FloorEmployee(int Index, string Name, string Email, long ConnecteamUserId, int MainAction)
{
    public string Role => SyntheticFloor.Roles[MainAction];
}
