using System.Globalization;
using Microsoft.AspNetCore.Components;
using Productivity.Core.Realtime;
using Productivity.Core.Time;
using Productivity.Infrastructure.Floor;
using Productivity.Web.Realtime;

namespace Productivity.Web.Components.Pages.Floor;

/// <summary>
/// The shop-floor TV: today's board, re-read when a recompute touches today (at most twice a second) and when the
/// site-local day changes at midnight.
/// </summary>
public sealed partial class FloorPage : IDisposable
{
    public const int MaxRows = 15;

    /// <summary>How often the page checks whether the business day has changed.</summary>
    public static readonly TimeSpan DayCheckInterval = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan MinRefreshInterval = LiveScores.MinInterval;

    private readonly CancellationTokenSource _disposed = new();
    private FloorBoard? _board;
    private DateOnly _day;
    private DateTime? _loadedUtc;
    private ITimer? _dayTimer;
    private LiveScores? _live;

    [Inject]
    private IFloorQueries Queries { get; set; } = default!;

    [Inject]
    private IScoreUpdateFeed Feed { get; set; } = default!;

    [Inject]
    private SiteClock SiteClock { get; set; } = default!;

    [Inject]
    private TimeProvider TimeProvider { get; set; } = default!;

    [Inject]
    private ILogger<FloorPage> Logger { get; set; } = default!;

    private string DayLabel => _day.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);

    private string UpdatedLabel => _loadedUtc is { } loaded
        ? $"Updated {SiteClock.ToLocal(loaded).ToString("HH:mm:ss", CultureInfo.InvariantCulture)}"
        : "";

    protected override async Task OnInitializedAsync()
    {
        _day = Today();
        _live = new LiveScores(Feed, TimeProvider, update => update.Touches(_day), () => InvokeAsync(ReloadAsync));
        _dayTimer = TimeProvider.CreateTimer(_ => _ = InvokeAsync(CheckDayAsync), null, DayCheckInterval, DayCheckInterval);
        await LoadAsync();
    }

    public void Dispose()
    {
        _live?.Dispose();
        _dayTimer?.Dispose();
        _disposed.Cancel();
        _disposed.Dispose();
    }

    private async Task CheckDayAsync()
    {
        var today = Today();
        if (today != _day)
        {
            _day = today;
            _board = null;
            StateHasChanged();
            await ReloadAsync();
        }
    }

    private async Task ReloadAsync()
    {
        await LoadAsync();
        StateHasChanged();
    }

    private async Task LoadAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }
        try
        {
            var now = TimeProvider.GetUtcNow().UtcDateTime;
            _board = await Queries.LoadAsync(_day, now, _disposed.Token);
            _loadedUtc = now;
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            // The page closed while loading.
        }
        catch (Exception ex)
        {
            // A TV has nobody to read an error: keep the last board and try again with the next update.
            Logger.LogWarning(ex, "Could not load the shop-floor board for {Day}.", _day);
        }
    }

    private DateOnly Today() => SiteClock.BusinessDayOf(TimeProvider.GetUtcNow().UtcDateTime);
}
