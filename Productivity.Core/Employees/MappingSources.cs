namespace Productivity.Core.Employees;

/// <summary>How an <see cref="EmployeeEmail"/> came to exist.</summary>
public static class MappingSources
{
    /// <summary>Equal to exactly one employee's Connecteam e-mail, verified automatically.</summary>
    public const string ConnecteamEmail = "connecteam-email";
    public const string Manual = "manual";
}
