using Productivity.Infrastructure.Sync;
using Quartz;

namespace Productivity.Infrastructure.Jobs;

/// <summary>Nightly at 03:00 site time: the last 14 days of shifts re-read, with a per-day report.</summary>
[DisallowConcurrentExecution]
public sealed class ReconciliationJob(SyncPipeline pipeline) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await pipeline.ReconcileAsync(JobTrigger.Of(context), cancellationToken);
}
