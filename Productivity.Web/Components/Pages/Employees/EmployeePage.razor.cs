using Microsoft.AspNetCore.Components;
using MudBlazor;
using Productivity.Core.Employees;
using Productivity.Core.Security;
using Productivity.Infrastructure.Employees;
using Productivity.Web.Components.Shared;

namespace Productivity.Web.Components.Pages.Employees;

/// <summary>One employee: mappings, Connecteam link and flags (changes by Admins only, enforced by the service), recent days.</summary>
public sealed partial class EmployeePage
{
    private EmployeeDetails? _employee;
    private bool _notFound;
    private bool _isAdmin;
    private bool _seesMoney;

    [Parameter]
    public int Id { get; set; }

    [Inject]
    private IEmployeeQueries Employees { get; set; } = default!;

    [Inject]
    private IEmployeeAdministration Administration { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;
    protected override async Task OnParametersSetAsync()
    {
        var actor = await ActorAsync();
        _isAdmin = actor.IsInRole(Roles.Admin);
        // Which cards to show; the rate service checks the caller against the database on every call.
        _seesMoney = _isAdmin || actor.IsInRole(Roles.Manager);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _employee = await Employees.GetAsync(await ActorAsync(), Id);
        _notFound = _employee is null;
        if (_notFound && !RendererInfo.IsInteractive)
        {
            Navigation.NotFound();
        }
    }

    private Task SetArchivedAsync(bool archived) =>
        RunAsync(actor => Administration.SetArchivedAsync(actor, Id, archived), archived ? "Archived." : "Restored.");

    private Task SetContractorAsync(bool contractor) =>
        RunAsync(actor => Administration.SetContractorAsync(actor, Id, contractor),
            contractor ? "Marked as a contractor." : "No longer a contractor.");

    private Task SetConnecteamAsync(long? userId) =>
        RunAsync(actor => Administration.SetConnecteamUserIdAsync(actor, Id, userId),
            userId is null ? "Connecteam link removed." : $"Linked to Connecteam user {userId}.");

    private Task AddEmailAsync(string email) =>
        RunAsync(async actor => Report(await Administration.AddEmailAsync(actor, Id, email), $"{email.Trim()} credited"));

    private Task VerifyEmailAsync(EmployeeEmailView email) =>
        RunAsync(async actor => Report(await Administration.VerifyEmailAsync(actor, Id, email.Id), $"{email.Email} verified"));

    private async Task RemoveEmailAsync(EmployeeEmailView email)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Remove e-mail",
            $"Stop crediting {email.Email} to {_employee?.Name}? Its production becomes unattributed and returns to the pending queue.",
            yesText: "Remove", cancelText: "Cancel");
        if (confirmed == true)
        {
            await RunAsync(async actor => Report(await Administration.RemoveEmailAsync(actor, Id, email.Id), $"{email.Email} removed"));
        }
    }

    private void Report(IReadOnlyCollection<Core.Sync.EmployeeDay> days, string what) =>
        Snackbar.Add(days.Count == 0 ? $"{what}." : $"{what}; {days.Count} day(s) recomputed.", Severity.Success);

    protected override Task ReloadAsync() => LoadAsync();
}
