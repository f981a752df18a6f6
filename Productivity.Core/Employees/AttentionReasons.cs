namespace Productivity.Core.Employees;

/// <summary>Why an active employee needs an Admin's attention ("Needs attention" list).</summary>
[Flags]
public enum AttentionReasons
{
    None = 0,

    /// <summary>No Connecteam user id and not a contractor: clocked time cannot be read.</summary>
    NoConnecteamLink = 1,

    /// <summary>A PodFactory e-mail of the employee awaits verification.</summary>
    EmailAwaitingVerification = 2,

    /// <summary>Clocked in now, but no verified PodFactory e-mail: production cannot be credited.</summary>
    ClockedInWithoutMapping = 4,
}
