using Productivity.Infrastructure.Scoring;
using Quartz;

namespace Productivity.Infrastructure.Jobs;

/// <summary>Every minute: rescore today's open shifts (active time grows with now).</summary>
[DisallowConcurrentExecution]
public sealed class OpenShiftScoringJob(OpenShiftScoring scoring) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await scoring.RecalculateOpenShiftsAsync(cancellationToken);
}
