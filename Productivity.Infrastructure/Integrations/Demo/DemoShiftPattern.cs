namespace Productivity.Infrastructure.Integrations.Demo;

public enum DemoShiftPattern
{
    /// <summary>About 06:00–14:30 local.</summary>
    Early,

    /// <summary>About 14:00–22:30 local.</summary>
    Late,

    /// <summary>About 22:00–06:30 local, crossing midnight (the shift belongs to the day it starts).</summary>
    Night,
}
