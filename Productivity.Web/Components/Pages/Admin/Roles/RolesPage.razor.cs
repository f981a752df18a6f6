using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Productivity.Core.Scoring;
using Productivity.Infrastructure.Scoring;
using Productivity.Web.Components.Shared;

namespace Productivity.Web.Components.Pages.Admin.Roles;

public partial class RolesPage
{
    private IReadOnlyList<RoleDefinition>? _roles;
    private ScoringParameters? _parameters;
    private RecomputeTask? _task;

    [Inject]
    private IScoringRulesService Rules { get; set; } = default!;

    [Inject]
    private IRangeRecompute Recomputes { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

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

    protected override async Task ReloadAsync() => await LoadAsync(await ActorAsync());

    private async Task LoadAsync(ClaimsPrincipal actor)
    {
        _roles = await Rules.RolesAsync(actor);
        _parameters = await Rules.ParametersAsync(actor);
    }
}
