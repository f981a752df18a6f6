using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Productivity.Core.Employees;

namespace Productivity.Web.Components.Pages.Employees;

public sealed partial class EmployeesPage
{
    private MudDataGrid<EmployeeListItem>? _grid;
    private string? _search;
    private EmployeeFilter _filter = EmployeeFilter.Active;

    [Inject]
    private IEmployeeQueries Employees { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private async Task<GridData<EmployeeListItem>> LoadAsync(GridState<EmployeeListItem> state, CancellationToken cancellationToken)
    {
        var descending = state.SortDefinitions.FirstOrDefault()?.Descending ?? false;
        var page = await Employees.SearchAsync((await AuthenticationState).User,
            new EmployeeListQuery(_search, _filter, state.Page, state.PageSize, descending), cancellationToken);
        return new GridData<EmployeeListItem> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private async Task OnSearchChangedAsync(string? value)
    {
        _search = value;
        await ReloadAsync();
    }

    private async Task OnFilterChangedAsync(EmployeeFilter filter)
    {
        _filter = filter;
        await ReloadAsync();
    }

    private Task ReloadAsync() => _grid?.ReloadServerData() ?? Task.CompletedTask;
}
