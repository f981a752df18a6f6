using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Productivity.Core.Dashboard;
using Productivity.Core.Realtime;
using Productivity.Core.Security;
using Productivity.Infrastructure.Exports;
using Productivity.Web.Exports;
using Productivity.Web.Realtime;

namespace Productivity.Web.Components.Pages.Dashboard;

/// <summary>
/// The manager dashboard. The range lives in the URL (<c>?range=week</c>, <c>?range=custom&amp;from=…&amp;to=…</c>).
/// Once interactive it listens to score updates: an update for a shown day reloads the page from the (already
/// invalidated) cache, at most twice a second however many updates arrive.
/// </summary>
public partial class DashboardPage
{
    /// <summary>The shortest time between two reloads of one circuit.</summary>
    public static readonly TimeSpan MinimumReloadInterval = LiveScores.MinInterval;

    private static readonly MarkupString DownloadIcon = new(MudBlazor.Icons.Material.Filled.Download);

    /// <summary>The score export's downloads, each with its button's label.</summary>
    private static readonly (ExportFormat Format, string Label)[] ExportLinks = [(ExportFormat.Csv, "CSV"), (ExportFormat.Xlsx, "Excel")];

    private readonly CancellationTokenSource _disposed = new();
    private DashboardPreset _preset;
    private DashboardRange _range;
    private DashboardSummary? _summary;
    private ScoreTable? _table;
    private string? _error;
    private bool _canExport;
    private bool _rangeSet;
    private LiveScores? _live;

    [Inject]
    private IDashboardQueries Queries { get; set; } = default!;

    [Inject]
    private IScoreUpdateFeed Updates { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ILogger<DashboardPage> Logger { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "range")]
    public string? RangeName { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    public string? FromText { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? ToText { get; set; }

    private string RangeLabel => _range.IsSingleDay
        ? DashboardFormat.Day(_range.From)
        : $"{DashboardFormat.Day(_range.From)} – {DashboardFormat.Day(_range.To)}";

    public void Dispose()
    {
        _live?.Dispose();
        // Cancelled, not disposed: a reload already queued on the renderer may still read its token.
        _disposed.Cancel();
    }

    protected override async Task OnInitializedAsync()
    {
        // Listening before the first load, so no update can fall between it and the subscription. The prerender does
        // not listen: its component is discarded as soon as the HTML is sent.
        if (RendererInfo.IsInteractive)
        {
            _live = new LiveScores(Updates, Time, Affects, () => InvokeAsync(ReloadAsync));
        }
        var user = (await AuthenticationState).User;
        _canExport = user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Manager);
    }

    protected override async Task OnParametersSetAsync()
    {
        _preset = RangeQuery.PresetOf(RangeName);
        _range = RangeQuery.Resolve(RangeName, FromText, ToText, Queries.Today());
        _rangeSet = true;
        await LoadSummaryAsync();
    }

    private Task<ScoreTablePage> LoadScoresAsync(ScoreTableQuery query, CancellationToken cancellationToken) =>
        Queries.GetScoresAsync(_range, query, cancellationToken);

    private Task ApplyRangeAsync((DashboardPreset Preset, DashboardRange? Custom) choice)
    {
        RangeQuery.Navigate(Navigation, choice);
        return Task.CompletedTask;
    }

    private async Task ReloadAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }
        if (_preset != DashboardPreset.Custom)
        {
            _range = DashboardRange.Resolve(_preset, Queries.Today());
        }
        await LoadSummaryAsync();
        if (_disposed.IsCancellationRequested)
        {
            return;
        }
        try
        {
            if (_table is not null)
            {
                await _table.RefreshAsync();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "The score table could not be reloaded.");
        }
        StateHasChanged();
    }

    /// <summary>
    /// An update matters when it names a shown day (or the day before: a night shift), or "today" has moved on. Called on
    /// the notifier's thread: a read racing a range change costs at most one needless reload, and the change loads the
    /// new range itself. Before the range is known the first load has not started: nothing to do.
    /// </summary>
    private bool Affects(ScoresUpdated update) => _rangeSet && RangeQuery.Affects(update, _preset, _range, Queries.Today());

    private async Task LoadSummaryAsync()
    {
        try
        {
            _summary = await Queries.GetSummaryAsync(_range, _disposed.Token);
            _error = null;
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "The dashboard for {From}..{To} could not be loaded.", _range.From, _range.To);
            _error = "The dashboard could not be loaded; it will retry with the next update.";
        }
    }
}
