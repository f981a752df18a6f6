namespace Productivity.Core.Integrations;

/// <summary>A kind of manual break a time clock offers (a break's <c>manualBreakId</c> names one), and whether it is paid.</summary>
public sealed record ConnecteamBreakType(string Id, string Name, bool IsPaid);
