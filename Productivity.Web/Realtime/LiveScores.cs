using Productivity.Core.Realtime;
using Productivity.Infrastructure.Telemetry;

namespace Productivity.Web.Realtime;

/// <summary>
/// A live page's one subscription to score updates: the updates that <c>matters</c> accepts become at most one refresh
/// per <see cref="MinInterval"/> (<see cref="RefreshThrottle"/>), handed to the circuit; disposing it stops both. The
/// dashboard, the shop floor and the employee day each hold one. Each refresh records the push latency
/// (<c>productivity.push.latency</c>): from the commit of the oldest update it answers (the update's timestamp, taken
/// after the recompute's commit) to the refresh having rendered (<c>refresh</c> returns once the page has re-rendered).
/// </summary>
/// <remarks>
/// An object the page creates in <c>OnInitialized</c>, not a child component: a child would subscribe only when the
/// page first renders, after its first load has begun, and an update committed in between would be missed.
/// </remarks>
public sealed class LiveScores : IDisposable
{
    /// <summary>The shortest time between two refreshes of one page.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(500);

    private readonly RefreshThrottle _throttle;
    private readonly IDisposable _subscription;
    private long _oldestPendingTicks;

    /// <param name="matters">Called on the publisher's thread: must only read the page's state, never render.</param>
    /// <param name="refresh">Usually <c>() => InvokeAsync(ReloadAsync)</c>; runs on the thread pool.</param>
    public LiveScores(IScoreUpdateFeed feed, TimeProvider timeProvider, Func<ScoresUpdated, bool> matters, Func<Task> refresh)
    {
        _throttle = new RefreshThrottle(MinInterval, timeProvider, async () =>
        {
            var committed = Interlocked.Exchange(ref _oldestPendingTicks, 0);
            await refresh();
            if (committed != 0)
            {
                ProductivityTelemetry.PushLatency.Record((timeProvider.GetUtcNow().UtcTicks - committed) / (double)TimeSpan.TicksPerSecond);
            }
        });
        _subscription = feed.Subscribe(update =>
        {
            if (matters(update))
            {
                // The oldest waiting update is the one whose latency the next refresh ends.
                Interlocked.CompareExchange(ref _oldestPendingTicks, update.OccurredAt.UtcTicks, 0);
                _throttle.Request();
            }
            return Task.CompletedTask;
        });
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _throttle.Dispose();
    }
}
