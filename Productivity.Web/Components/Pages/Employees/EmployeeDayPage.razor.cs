using Productivity.Infrastructure.Costs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Productivity.Core.EmployeeDays;
using Productivity.Core.Realtime;
using Productivity.Core.Scoring;
using Productivity.Core.Time;
using Productivity.Web.Realtime;

namespace Productivity.Web.Components.Pages.Employees;

/// <summary>One employee's business day, explained, and kept live while it is open.</summary>
public sealed partial class EmployeeDayPage : IDisposable
{
    private EmployeeDayReport? _report;
    private bool _seesMoney;
    private bool _notFound;
    private bool _invalidDay;
    private DateOnly _day;
    private LiveScores? _live;

    [Parameter]
    public int Id { get; set; }

    [Parameter]
    public string Day { get; set; } = "";

    [Inject]
    private ICostQueries Costs { get; set; } = default!;

    [Inject]
    private IEmployeeDayQueries Queries { get; set; } = default!;

    [Inject]
    private IScoreUpdateFeed Feed { get; set; } = default!;

    [Inject]
    private SiteClock Clock { get; set; } = default!;

    [Inject]
    private TimeProvider TimeProvider { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _notFound = false;
        _invalidDay = !SiteClock.TryParseDay(Day, out _day);
        if (_invalidDay)
        {
            ShowNotFound();
            return;
        }
        await LoadAsync();
        if (_report is null)
        {
            ShowNotFound();
        }
    }

    protected override void OnInitialized()
    {
        // Listening before the first load (as the dashboard and the shop floor do), so no update falls between that load
        // and the subscription; the prerender does not listen.
        if (RendererInfo.IsInteractive)
        {
            // _day is the default until the parameters are read, and no update names that day.
            _live = new LiveScores(Feed, TimeProvider,
                update => !_invalidDay && update.Touches(Id, _day), () => InvokeAsync(ReloadAsync));
        }
    }

    public void Dispose() => _live?.Dispose();

    private async Task ReloadAsync()
    {
        try
        {
            await LoadAsync();
            StateHasChanged();
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    private async Task LoadAsync()
    {
        var user = (await AuthenticationState).User;
        _report = await Queries.GetAsync(user, Id, _day);
        // Money only for Managers and Admins, asked of the database on every load.
        _seesMoney = await Costs.MaySeeMoneyAsync(user);
    }

    private void ShowNotFound()
    {
        _report = null;
        _notFound = true;
        // A 404 while prerendering (the Router then shows the not-found page); interactively the notice below is shown.
        if (!RendererInfo.IsInteractive)
        {
            Navigation.NotFound();
        }
    }

}
