namespace Productivity.Core.Scoring;

/// <summary>Input problems that a day's score reports instead of hiding.</summary>
public enum DataQualityIssue
{
    /// <summary>A window that overlaps no clock session ("production outside a clock session").</summary>
    ProductionOutsideSession,

    /// <summary>An open shift that reached the open-shift cap ("forgotten clock-out?").</summary>
    OpenShiftCapped,

    /// <summary>An action with no role: counted in items, 0 points and 0 standard minutes.</summary>
    UnknownAction,

    /// <summary>A session without any window: wholly idle.</summary>
    ShiftWithoutProduction,
}
