using Productivity.Infrastructure.Sync;
using Quartz;

namespace Productivity.Infrastructure.Jobs;

/// <summary>
/// Every 10 s (<c>Jobs:PodFactorySyncSeconds</c>): new PodFactory rows from the (created_at, id) cursor. A poll that
/// finds nothing writes no sync run, only its last-polled time. It never overlaps itself, across a cluster too (the
/// clustered store blocks the trigger while one node runs it), so each period fires once on one node.
/// </summary>
[DisallowConcurrentExecution]
public sealed class PodFactorySyncJob(SyncPipeline pipeline) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await pipeline.SyncPodFactoryAsync(JobTrigger.Of(context), cancellationToken);
}
