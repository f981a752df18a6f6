namespace Productivity.Core.Realtime;

/// <summary>Publishes "scores changed" to every listener (circuits, hub clients; on every node once scaled out).</summary>
public interface IScoreUpdateNotifier
{
    Task PublishAsync(ScoresUpdated update, CancellationToken cancellationToken = default);
}
