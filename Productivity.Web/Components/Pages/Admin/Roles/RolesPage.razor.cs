using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Productivity.Core.Scoring;
using Productivity.Infrastructure.Admin;
using Productivity.Infrastructure.Scoring;

namespace Productivity.Web.Components.Pages.Admin.Roles;

public partial class RolesPage
{
    private IReadOnlyList<RoleDefinition>? _roles;
    private ScoringParameters? _parameters;
    private RecomputeTask? _task;
    private bool _busy;

    [Inject]
    private IRulesAdministration Rules { get; set; } = default!;

    [Inject]
    private IRecomputeAdministration Recomputes { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var actor = await ActorAsync();
        _task = (await Recomputes.TasksAsync(actor)).FirstOrDefault(t => t.IsRunning);
        await LoadAsync(actor);
    }

    private Task AddAsync() => EditAsync(null);

    private async Task EditAsync(RoleDefinition? role)
    {
        var parameters = new DialogParameters<RoleDialog> { { d => d.Role, role } };
        var dialog = await Dialogs.ShowAsync<RoleDialog>(role is null ? "Add action" : $"Role of '{role.Action}'", parameters);
        if (await dialog.Result is not { Canceled: false, Data: RoleDefinition edited })
        {
            return;
        }
        if (edited == role)
        {
            Snackbar.Add("Nothing changed.", Severity.Info);
            return;
        }
        await RunAsync(async actor =>
        {
            var days = await Rules.DaysAffectedByRoleAsync(actor, edited.Action);
            if (await ConfirmAsync($"Save the role of '{edited.Action}'?",
                    $"Saving recomputes {days} employee-days that use '{edited.Action}', in the background."))
            {
                _task = await Rules.SaveRoleAsync(actor, edited);
                Snackbar.Add($"Role of '{edited.Action}' saved; recomputing {days} employee-days.", Severity.Success);
            }
        });
    }

    private async Task SaveParametersAsync(ScoringParameters parameters)
    {
        if (parameters == _parameters)
        {
            Snackbar.Add("Nothing changed.", Severity.Info);
            return;
        }
        await RunAsync(async actor =>
        {
            var rows = await Rules.ScoreRowsAsync(actor);
            if (await ConfirmAsync("Save the parameters?",
                    $"Every scored day uses them: saving recomputes all {rows} stored employee-days, in the background."))
            {
                _task = await Rules.SaveParametersAsync(actor, parameters);
                Snackbar.Add("Parameters saved; recomputing every scored day.", Severity.Success);
            }
        });
    }

    private Task CancelAsync(RecomputeTask task) => RunAsync(actor => Recomputes.CancelAsync(actor, task.Id));

    private async Task<bool> ConfirmAsync(string title, string message) =>
        await Dialogs.ShowMessageBoxAsync(title, message, yesText: "Save", cancelText: "Cancel") == true;

    private async Task RunAsync(Func<ClaimsPrincipal, Task> action)
    {
        _busy = true;
        try
        {
            await action(await ActorAsync());
        }
        catch (Exception ex) when (ex is ArgumentException or UnauthorizedAccessException or KeyNotFoundException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        finally
        {
            _busy = false;
        }
        await LoadAsync(await ActorAsync());
    }

    private async Task LoadAsync(ClaimsPrincipal actor)
    {
        _roles = await Rules.RolesAsync(actor);
        _parameters = await Rules.ParametersAsync(actor);
    }

    private async Task<ClaimsPrincipal> ActorAsync() => (await AuthenticationState).User;
}
