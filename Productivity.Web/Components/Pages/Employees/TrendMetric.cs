namespace Productivity.Web.Components.Pages.Employees;

public enum TrendMetric
{
    Items,
    Points,
    Utilization,
    Performance,
}
