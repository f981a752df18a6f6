using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Productivity.Core.Alerts;
using Productivity.Core.Time;
using Productivity.Infrastructure.Alerts;
using Productivity.Infrastructure.Security;

namespace Productivity.Web.Components.Pages.Alerts;

/// <summary>
/// The alerts the user may see, paged and filtered on the server (the service decides what that is on every load); the
/// filters live in the URL so a view can be shared.
/// </summary>
public partial class AlertHistoryPage
{
    private MudDataGrid<AlertItem>? _grid;
    private AlertHistoryFilter _filter = new();

    [Inject]
    private IAlertInbox Inbox { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "kind")]
    public string? KindQuery { get; set; }

    [SupplyParameterFromQuery(Name = "state")]
    public string? StateQuery { get; set; }

    [SupplyParameterFromQuery(Name = "employee")]
    public int? EmployeeQuery { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    public string? FromQuery { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? ToQuery { get; set; }

    protected override void OnInitialized() =>
        // Unknown values in a hand-edited URL fall back to "every": the filters are a view, not input the service must refuse.
        _filter = new AlertHistoryFilter(
            Enum.TryParse<AlertKind>(KindQuery, out var kind) && Enum.IsDefined(kind) ? kind : null,
            Enum.TryParse<AlertStateFilter>(StateQuery, out var state) && Enum.IsDefined(state) ? state : AlertStateFilter.Any,
            EmployeeQuery,
            null,
            ParseDate(FromQuery),
            ParseDate(ToQuery));

    private async Task<GridData<AlertItem>> LoadAsync(GridState<AlertItem> state, CancellationToken cancellationToken)
    {
        var filter = _filter;
        if (filter.From is { } from && filter.To is { } to && from > to)
        {
            Snackbar.Add("The first day is after the last one.", Severity.Warning);
            return new GridData<AlertItem> { Items = [], TotalItems = 0 };
        }
        var page = await Inbox.HistoryAsync(await UserAsync(), filter.ToQuery(state.Page, state.PageSize), cancellationToken);
        return new GridData<AlertItem> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private Task FilterEmployeeAsync(AlertItem alert) =>
        SetFilterAsync(_filter with { EmployeeId = alert.EmployeeId, EmployeeName = alert.EmployeeName });

    private async Task SetFilterAsync(AlertHistoryFilter filter)
    {
        _filter = filter;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["kind"] = filter.Kind?.ToString(),
            ["state"] = filter.State == AlertStateFilter.Any ? null : filter.State.ToString(),
            ["employee"] = filter.EmployeeId,
            ["from"] = AlertHistoryFilter.Date(filter.From)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = AlertHistoryFilter.Date(filter.To)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }), replace: true);
        if (_grid is not null)
        {
            await _grid.ReloadServerData();
        }
    }

    private async Task AcknowledgeAsync(AlertItem alert)
    {
        try
        {
            await Inbox.AcknowledgeAsync(await UserAsync(), alert.Id);
        }
        catch (AccessDeniedException)
        {
            Snackbar.Add("You may no longer see this alert.", Severity.Warning);
        }
        if (_grid is not null)
        {
            await _grid.ReloadServerData();
        }
    }

    private static DateTime? ParseDate(string? text) =>
        SiteClock.TryParseDay(text, out var day) ? day.ToDateTime(TimeOnly.MinValue) : null;

    private async Task<ClaimsPrincipal> UserAsync() => (await AuthenticationState).User;
}
