using Microsoft.AspNetCore.Components;
using MudBlazor;
using Productivity.Core.Sync;
using Productivity.Infrastructure.Sync;
using Productivity.Web.Components.Shared;

namespace Productivity.Web.Components.Pages.Admin.Sync;

/// <summary>The run history of the Sync page: paged on the server, filterable by job, each run's details in a dialog.</summary>
public partial class RunHistory
{
    private MudDataGrid<SyncRun>? _grid;
    private string _job = AllJobs;

    [Inject]
    private ISyncAdministration Sync { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    private async Task<GridData<SyncRun>> LoadAsync(GridState<SyncRun> state, CancellationToken cancellationToken)
    {
        var page = await Sync.HistoryAsync(await ActorAsync(),
            new SyncRunQuery(_job == AllJobs ? null : _job, state.Page, state.PageSize), cancellationToken);
        return new GridData<SyncRun> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private async Task OnJobChangedAsync(string? job)
    {
        _job = job ?? AllJobs;
        if (_grid is not null)
        {
            await _grid.ReloadServerData();
        }
    }

    private Task ShowDetailsAsync(DataGridRowClickEventArgs<SyncRun> row) => RunAsync(async actor =>
    {
        var details = await Sync.RunDetailsAsync(actor, row.Item.Id);
        var parameters = new DialogParameters<RunDetailsDialog> { { d => d.Details, details } };
        await Dialogs.ShowAsync<RunDetailsDialog>($"{details.Run.Job} run {details.Run.Id}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseButton = true });
    }, reload: false);
}
