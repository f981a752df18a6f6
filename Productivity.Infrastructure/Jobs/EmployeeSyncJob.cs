using Productivity.Infrastructure.Sync;
using Quartz;

namespace Productivity.Infrastructure.Jobs;

/// <summary>Daily at 02:00 site time: employees from Connecteam users.</summary>
[DisallowConcurrentExecution]
public sealed class EmployeeSyncJob(SyncPipeline pipeline) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await pipeline.SyncEmployeesAsync(JobTrigger.Of(context), cancellationToken);
}
