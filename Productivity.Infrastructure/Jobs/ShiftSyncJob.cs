using Productivity.Infrastructure.Sync;
using Quartz;

namespace Productivity.Infrastructure.Jobs;

/// <summary>Every 5 minutes: Connecteam shifts of today and yesterday (site-local).</summary>
[DisallowConcurrentExecution]
public sealed class ShiftSyncJob(SyncPipeline pipeline) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var (from, to) = pipeline.RecentDays();
        await pipeline.SyncShiftsAsync(JobTrigger.Of(context), from, to, cancellationToken);
    }
}
