namespace Productivity.Core.Realtime;

/// <summary>Publishes <see cref="AlertsChanged"/> to every listener of every node; never throws for a listener's failure.</summary>
public interface IAlertNotifier
{
    Task PublishAsync(AlertsChanged change, CancellationToken cancellationToken = default);
}
