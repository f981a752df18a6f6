namespace Productivity.Infrastructure.Dashboard;

/// <summary>The columns of one action's role the dashboard reads.</summary>
internal sealed record RoleRate(string Action, string RoleName, string Department, double ExpectedPerHour);
