using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Productivity.Infrastructure.Alerts;

/// <summary>
/// Evaluates the person rules of whatever <see cref="AlertRecomputeTrigger"/> has queued since its last evaluation, one
/// evaluation at a time, so a burst of recompute batches costs one evaluation. A failed evaluation is logged; the minute
/// job evaluates everyone again.
/// </summary>
public sealed class AlertRecomputeLoop(AlertRecomputeTrigger trigger, AlertEvaluationService evaluation, ILogger<AlertRecomputeLoop> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await trigger.Reader.WaitToReadAsync(stoppingToken))
            {
                var employees = new HashSet<int>();
                while (trigger.Reader.TryRead(out var ids))
                {
                    employees.UnionWith(ids);
                }
                try
                {
                    await evaluation.EvaluateAsync(employees, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Evaluating the alerts of {Count} recomputed employees failed; the minute job evaluates them again.", employees.Count);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
