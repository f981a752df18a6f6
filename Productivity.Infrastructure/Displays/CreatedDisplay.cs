namespace Productivity.Infrastructure.Displays;

/// <summary>A new display and its token, which exists only in this value: the database keeps its hash.</summary>
public sealed record CreatedDisplay(DisplaySummary Display, string Token);
