namespace Productivity.Core.Dashboard;

public enum ClockEventKind
{
    ClockIn,
    ClockOut,
}
