namespace Productivity.Core.Auditing;

public static class AuditKinds
{
    public const string User = "User";
    public const string Role = "Role";
    public const string Mapping = "Mapping";
    public const string Employee = "Employee";
    public const string Display = "Display";
    public const string PayRate = "PayRate";
    public const string AlertRule = "AlertRule";
}
