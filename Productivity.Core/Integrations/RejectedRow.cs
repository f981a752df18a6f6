namespace Productivity.Core.Integrations;

/// <summary>An input row that was not stored, with the reason; sync runs count and report these.</summary>
public sealed record RejectedRow(string Source, string Key, string Reason);
