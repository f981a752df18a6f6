namespace Productivity.Infrastructure.Integrations.Connecteam;

// Placeholder until the Connecteam client lands (branch connecteam); replaced by its version on merge.
public sealed class ConnecteamOptions
{
    public const string SectionName = "Connecteam";
    public long[] ClockIds { get; set; } = [];
}
