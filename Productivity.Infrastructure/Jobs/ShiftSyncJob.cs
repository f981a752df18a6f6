using Productivity.Infrastructure.Sync;
using Quartz;

namespace Productivity.Infrastructure.Jobs;

/// <summary>Every 5 minutes: Connecteam shifts of today and yesterday (site-local) of the clocks that are not archived.</summary>
[DisallowConcurrentExecution]
public sealed class ShiftSyncJob(SyncPipeline pipeline) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await pipeline.PollShiftsAsync(JobTrigger.Of(context), cancellationToken);
}
