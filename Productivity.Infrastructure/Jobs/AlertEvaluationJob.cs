using Productivity.Infrastructure.Alerts;
using Quartz;

namespace Productivity.Infrastructure.Jobs;

/// <summary>Every minute, on one node of the cluster: every alert rule against the stored data.</summary>
[DisallowConcurrentExecution]
public sealed class AlertEvaluationJob(AlertEvaluationService evaluation) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await evaluation.EvaluateAsync(cancellationToken);
}
