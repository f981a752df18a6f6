namespace Productivity.Core.Security;

/// <summary>The application's roles. Names are stored in the Identity role table, so never rename one.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Manager = "Manager";
    public const string Lead = "Lead";

    public const string AdminOrManager = Admin + "," + Manager;
    public const string Everyone = Admin + "," + Manager + "," + Lead;

    public static readonly IReadOnlyList<string> All = [Admin, Manager, Lead];
}
