using Productivity.Infrastructure.Sync;
using Quartz;

namespace Productivity.Infrastructure.Jobs;

/// <summary>What started a firing: "Run now" passes <see cref="SyncTriggers.Manual"/> in the job data; schedules pass nothing.</summary>
internal static class JobTrigger
{
    public const string Key = "trigger";

    public static string Of(IJobExecutionContext context) =>
        context.MergedJobDataMap.TryGetString(Key, out var trigger) && !string.IsNullOrEmpty(trigger) ? trigger : SyncTriggers.Schedule;
}
