namespace Productivity.Infrastructure.Sync;

/// <summary>What started a sync run.</summary>
public static class SyncTriggers
{
    public const string Schedule = "schedule";
    public const string Manual = "manual";
    public const string CommandLine = "command-line";
    public const string Webhook = "webhook";
}
