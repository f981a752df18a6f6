using Productivity.Infrastructure.Sync;
using Quartz;

namespace Productivity.Infrastructure.Jobs;

/// <summary>Every minute: new PodFactory rows from the (created_at, id) cursor.</summary>
[DisallowConcurrentExecution]
public sealed class PodFactorySyncJob(SyncPipeline pipeline) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await pipeline.SyncPodFactoryAsync(JobTrigger.Of(context), cancellationToken);
}
