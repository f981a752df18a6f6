namespace Productivity.Core.Integrations;

public sealed record ConnecteamClock(long Id, string Name, bool IsArchived);
