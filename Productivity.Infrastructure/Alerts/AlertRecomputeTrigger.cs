using System.Threading.Channels;

namespace Productivity.Infrastructure.Alerts;

/// <summary>
/// The employees recomputes have scored since the last evaluation, waiting for <see cref="AlertRecomputeLoop"/>.
/// <see cref="Notify"/> only queues the ids: it never waits and never throws, so the recompute is never held up or
/// failed by the alerts.
/// </summary>
public sealed class AlertRecomputeTrigger
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

    internal ChannelReader<IReadOnlyCollection<int>> Reader => _queue.Reader;
}
