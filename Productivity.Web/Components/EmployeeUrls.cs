using System.Globalization;

namespace Productivity.Web.Components;

/// <summary>The one place that spells the employee routes, so a route change cannot leave a stale link behind.</summary>
public static class EmployeeUrls
{
    public static string Employee(int employeeId) => string.Create(CultureInfo.InvariantCulture, $"/employees/{employeeId}");

    /// <summary>The employee-day page; the day is ISO (yyyy-MM-dd) whatever the server culture.</summary>
    public static string Day(int employeeId, DateOnly day) =>
        string.Create(CultureInfo.InvariantCulture, $"/employees/{employeeId}/days/{day:yyyy-MM-dd}");
}
