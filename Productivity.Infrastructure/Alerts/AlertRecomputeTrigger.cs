using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Productivity.Infrastructure.Alerts;

/// <summary>
/// Evaluates the person rules of the employees a recompute just scored, off the recompute's path: <see cref="Notify"/>
/// only queues the ids (it never waits and never throws), and one loop evaluates whatever has queued since its last
/// evaluation, so a burst of recompute batches costs one evaluation, and a failed evaluation is logged and costs the
/// recompute nothing (the minute job catches up).
/// </summary>
public sealed class AlertRecomputeTrigger(AlertEvaluationService evaluation, ILogger<AlertRecomputeTrigger> logger) : BackgroundService
{
    private readonly Channel<IReadOnlyCollection<int>> _queue =
        Channel.CreateUnbounded<IReadOnlyCollection<int>>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues an evaluation for <paramref name="employeeIds"/>.</summary>
    public void Notify(IReadOnlyCollection<int> employeeIds)
    {
        if (employeeIds.Count > 0)
        {
            _queue.Writer.TryWrite(employeeIds);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                var employees = new HashSet<int>();
                while (_queue.Reader.TryRead(out var ids))
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
