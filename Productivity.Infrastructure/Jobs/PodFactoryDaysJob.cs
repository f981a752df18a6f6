using Productivity.Infrastructure.Sync;
using Quartz;

namespace Productivity.Infrastructure.Jobs;

/// <summary>Four times a day: every PodFactory row of today and yesterday re-read (catches edits the cursor cannot see).</summary>
[DisallowConcurrentExecution]
public sealed class PodFactoryDaysJob(SyncPipeline pipeline) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var (from, to) = pipeline.RecentDays();
        await pipeline.SyncPodFactoryDaysAsync(JobTrigger.Of(context), from, to, cancellationToken);
    }
}
