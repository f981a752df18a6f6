namespace Productivity.Infrastructure.Integrations.Demo;

/// <summary>A whole planned shift with its lunch break, before "now" decides how much of it has happened.</summary>
public sealed record DemoShiftPlan(
    DemoPerson Person,
    DateOnly Day,
    string ShiftId,
    DateTime StartUtc,
    DateTime EndUtc,
    string BreakId,
    DateTime BreakStartUtc,
    DateTime BreakEndUtc);
