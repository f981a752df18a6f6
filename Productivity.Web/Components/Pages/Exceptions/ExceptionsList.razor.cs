using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Productivity.Infrastructure.Exceptions;

namespace Productivity.Web.Components.Pages.Exceptions;

/// <summary>
/// The data-quality exceptions, paged and filtered on the server. Read-only; shown to Managers on /exceptions and to
/// Admins there and on the Sync page.
/// </summary>
public partial class ExceptionsList
{
    private const string AllKinds = "";

    private MudDataGrid<ExceptionItem>? _grid;
    private DateTime? _from;
    private DateTime? _to;
    private string _kind = AllKinds;

    [Inject]
    private IExceptionQueries Exceptions { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>Links unmapped e-mails to the mappings page (Admins only).</summary>
    [Parameter]
    public bool CanManageMappings { get; set; }

    private async Task<GridData<ExceptionItem>> LoadAsync(GridState<ExceptionItem> state, CancellationToken cancellationToken)
    {
        var query = new ExceptionQuery(Date(_from), Date(_to), _kind == AllKinds ? null : _kind, state.Page, state.PageSize);
        var page = await Exceptions.SearchAsync(await ActorAsync(), query, cancellationToken);
        return new GridData<ExceptionItem> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private async Task SetFilterAsync(Action set)
    {
        set();
        _kind ??= AllKinds;
        if (_grid is not null)
        {
            await _grid.ReloadServerData();
        }
    }

    private static DateOnly? Date(DateTime? value) => value is { } date ? DateOnly.FromDateTime(date) : null;

    private async Task<ClaimsPrincipal> ActorAsync() => (await AuthenticationState).User;
}
