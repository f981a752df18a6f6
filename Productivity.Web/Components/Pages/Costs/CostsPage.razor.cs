using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Productivity.Core.Costs;
using Productivity.Core.Dashboard;
using Productivity.Core.Realtime;
using Productivity.Infrastructure.Costs;
using Productivity.Web.Components.Pages.Dashboard;
using Productivity.Web.Realtime;

namespace Productivity.Web.Components.Pages.Costs;

/// <summary>
/// What labour cost over a range (<c>/costs?range=month</c>): Managers and Admins only, checked by the service against
/// the database on every load, so a revoked right ends at the next update or click. Live like the dashboard.
/// </summary>
public partial class CostsPage
{
    private readonly CancellationTokenSource _disposed = new();
    private DashboardPreset _preset;
    private DashboardRange _range;
    private CostReport? _report;
    private CostEmployees? _employees;
    private string? _error;
    private bool _denied;
    private bool _rangeSet;
    private LiveScores? _live;

    [Inject]
    private ICostQueries Queries { get; set; } = default!;

    [Inject]
    private IDashboardQueries Dashboard { get; set; } = default!;

    [Inject]
    private IScoreUpdateFeed Updates { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ILogger<CostsPage> Logger { get; set; } = default!;

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
        _disposed.Cancel();
    }

    protected override void OnInitialized()
    {
        if (RendererInfo.IsInteractive)
        {
            _live = new LiveScores(Updates, Time, update => _rangeSet && RangeQuery.Affects(update, _preset, _range, Dashboard.Today()),
                () => InvokeAsync(ReloadAsync));
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        _preset = RangeQuery.PresetOf(RangeName);
        _range = RangeQuery.Resolve(RangeName, FromText, ToText, Dashboard.Today());
        _rangeSet = true;
        await LoadAsync();
    }

    private Task ApplyRangeAsync((DashboardPreset Preset, DashboardRange? Custom) choice)
    {
        RangeQuery.Navigate(Navigation, choice);
        return Task.CompletedTask;
    }

    private async Task<CostEmployeePage> LoadEmployeesAsync(CostSort sortBy, bool descending, int page, int pageSize, CancellationToken cancellationToken)
    {
        var user = (await AuthenticationState).User;
        return await Queries.GetEmployeesAsync(user, _range, sortBy, descending, page, pageSize, cancellationToken);
    }

    private async Task ReloadAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }
        if (_preset != DashboardPreset.Custom)
        {
            _range = RangeQuery.Resolve(RangeName, FromText, ToText, Dashboard.Today());
        }
        await LoadAsync();
        if (_employees is not null && !_denied)
        {
            await _employees.RefreshAsync();
        }
        StateHasChanged();
    }

    private async Task LoadAsync()
    {
        try
        {
            _report = await Queries.GetReportAsync((await AuthenticationState).User, _range, _disposed.Token);
            _error = null;
        }
        catch (UnauthorizedAccessException)
        {
            // Money is gone the moment the right is: nothing of the report stays on the screen.
            _report = null;
            _denied = true;
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "The labour cost of {From}..{To} could not be loaded.", _range.From, _range.To);
            _error = "The labour cost could not be loaded; it will retry with the next update.";
        }
    }
}
