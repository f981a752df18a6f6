using Productivity.Infrastructure.Sync;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using Productivity.Infrastructure.Mappings;
using Productivity.Web.Components.Shared;

namespace Productivity.Web.Components.Pages.Admin.Mappings;

public partial class MappingsPage
{
    private IReadOnlyList<PendingMappingView>? _pending;
    private IReadOnlyList<EmployeeChoice> _employees = [];
    private CsvImport? _import;

    [Inject]
    private IMappingAdministration Mappings { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var actor = await ActorAsync();
        _employees = await Mappings.EmployeesAsync(actor);
        _pending = await Mappings.PendingAsync(actor);
    }

    private Task ApproveSuggestedAsync(PendingMappingView pending) =>
        pending.Suggestions.Count == 0 ? ChooseAsync(pending) : ApproveAsync(pending.Email, pending.Suggestions[0].EmployeeId);

    private async Task ChooseAsync(PendingMappingView pending)
    {
        var parameters = new DialogParameters<ChooseEmployeeDialog>
        {
            { d => d.Pending, pending },
            { d => d.Employees, _employees },
        };
        var dialog = await Dialogs.ShowAsync<ChooseEmployeeDialog>($"Credit {pending.Email} to…", parameters);
        if (await dialog.Result is { Canceled: false, Data: int employeeId })
        {
            await ApproveAsync(pending.Email, employeeId);
        }
    }

    private Task ApproveAsync(string email, int employeeId) => RunAsync(async actor =>
    {
        var approval = await Mappings.ApproveAsync(actor, email, employeeId);
        Snackbar.Add($"{approval.Email} credited to {approval.EmployeeName}: {approval.RowsAttributed} rows, "
            + $"{approval.DaysRecomputed} employee-days recomputed.", Severity.Success);
    });

    private async Task RejectAsync(PendingMappingView pending)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Reject e-mail",
            $"Reject {pending.Email}? Its {pending.UnattributedRows} rows stay credited to nobody.", yesText: "Reject", cancelText: "Cancel");
        if (confirmed == true)
        {
            await RunAsync(async actor =>
            {
                await Mappings.RejectAsync(actor, pending.Email);
                Snackbar.Add($"{pending.Email} rejected.", Severity.Info);
            });
        }
    }

    private async Task ApproveExactMatchesAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Approve exact name matches",
            "Approve every pending e-mail whose PodFactory name equals exactly one employee's name?", yesText: "Approve", cancelText: "Cancel");
        if (confirmed == true)
        {
            await RunAsync(async actor =>
            {
                var approvals = await Mappings.ApproveExactNameMatchesAsync(actor);
                Snackbar.Add(approvals.Count == 0
                    ? "No pending e-mail has a PodFactory name equal to exactly one employee's name."
                    : $"Approved {approvals.Count}: {string.Join(", ", approvals.Select(a => $"{a.Email} → {a.EmployeeName}"))}.",
                    approvals.Count == 0 ? Severity.Info : Severity.Success);
            });
        }
    }

    private Task ImportAsync(IBrowserFile? file) => file is null ? Task.CompletedTask : RunAsync(async actor =>
    {
        await using var spool = await UploadSpool.OpenAsync(file, message => Snackbar.Add(message, Severity.Error));
        if (spool is not null)
        {
            _import = await Mappings.ImportCsvAsync(actor, spool);
        }
    });

    protected override async Task ReloadAsync() => _pending = await Mappings.PendingAsync(await ActorAsync());
}
