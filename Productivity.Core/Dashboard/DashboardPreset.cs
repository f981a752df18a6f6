namespace Productivity.Core.Dashboard;

/// <summary>The dashboard's day picker: ranges of site-local business days relative to today, or a custom range.</summary>
public enum DashboardPreset
{
    Today,
    Yesterday,
    /// <summary>Monday of the current week through today.</summary>
    ThisWeek,
    /// <summary>The first of the current month through today.</summary>
    ThisMonth,
    Custom,
}
