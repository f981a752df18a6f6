namespace Productivity.Core.Realtime;

/// <summary>What a bell listens to; dispose the subscription to stop.</summary>
public interface IAlertFeed
{
    IDisposable Subscribe(Func<AlertsChanged, Task> onChange);
}
