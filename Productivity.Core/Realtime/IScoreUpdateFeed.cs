namespace Productivity.Core.Realtime;

/// <summary>What a dashboard listens to; dispose the subscription to stop.</summary>
public interface IScoreUpdateFeed
{
    IDisposable Subscribe(Func<ScoresUpdated, Task> onUpdate);
}
