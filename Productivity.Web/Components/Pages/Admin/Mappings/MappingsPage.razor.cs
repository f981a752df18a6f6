using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using Productivity.Infrastructure.Mappings;
using Productivity.Web.Components.Shared;

namespace Productivity.Web.Components.Pages.Admin.Mappings;

public partial class MappingsPage
{
    /// <summary>Largest mapping CSV accepted (tens of thousands of lines), also enforced while it is read.</summary>
    public const long MaxCsvBytes = 2 * 1024 * 1024;

    private IReadOnlyList<PendingMappingView>? _pending;
    private IReadOnlyList<EmployeeChoice> _employees = [];
    private MappingImport? _import;

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
        if (file.Size > MaxCsvBytes)
        {
            Snackbar.Add($"{file.Name} is larger than {MaxCsvBytes / 1024 / 1024} MB.", Severity.Error);
            return;
        }
        // Spooled to a temporary file, never held in memory, then imported line by line from it. Not imported straight
        // from the browser's stream: the import writes every good line to the database as it reads, and that stream
        // fails the circuit when its next chunk waits longer than the JS interop timeout (a minute) to be read.
        await using var spool = new FileStream(Path.Combine(Path.GetTempPath(), Path.GetRandomFileName()), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        await using (var upload = file.OpenReadStream(MaxCsvBytes))
        {
            await upload.CopyToAsync(spool);
        }
        spool.Position = 0;
        _import = await Mappings.ImportCsvAsync(actor, spool);
    });

    protected override async Task ReloadAsync() => _pending = await Mappings.PendingAsync(await ActorAsync());
}
