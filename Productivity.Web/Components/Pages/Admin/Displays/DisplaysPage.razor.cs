using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Productivity.Core.Time;
using Productivity.Infrastructure.Displays;
using Productivity.Web.Security;

namespace Productivity.Web.Components.Pages.Admin.Displays;

public sealed partial class DisplaysPage
{
    private IReadOnlyList<DisplaySummary>? _displays;

    // Every call reads through a context of its own (the caller's rights included), so the page may hold it.
    [Inject]
    private DisplayDeviceService Displays { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private SiteClock SiteClock { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override Task OnInitializedAsync() => ReloadAsync();

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<CreateDisplayDialog>("New display");
        var result = await dialog.Result;
        if (result is not { Canceled: false, Data: string name })
        {
            return;
        }
        CreatedDisplay? created = null;
        await RunAsync(async (displays, actor) => created = await displays.CreateAsync(actor, name));
        if (created is not null)
        {
            var parameters = new DialogParameters<DisplayLinkShownOnceDialog>
            {
                { d => d.Name, created.Display.Name },
                { d => d.Link, LinkFor(created.Token) },
            };
            await Dialogs.ShowAsync<DisplayLinkShownOnceDialog>("Display link (shown once)", parameters,
                new DialogOptions { BackdropClick = false, CloseOnEscapeKey = false, MaxWidth = MaxWidth.Medium, FullWidth = true });
        }
    }

    private async Task RevokeAsync(DisplaySummary display)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Revoke display",
            $"Revoke {display.Name}? The TV stops showing data within a minute and its link stops working.", yesText: "Revoke", cancelText: "Cancel");
        if (confirmed == true)
        {
            await RunAsync((displays, actor) => displays.RevokeAsync(actor, display.Id), $"{display.Name} revoked.");
        }
    }

    private async Task RunAsync(Func<DisplayDeviceService, ClaimsPrincipal, Task> action, string? success = null)
    {
        try
        {
            await action(Displays, (await AuthenticationState).User);
            if (success is not null)
            {
                Snackbar.Add(success, Severity.Success);
            }
        }
        catch (Exception ex) when (ex is DisplayAdministrationException or UnauthorizedAccessException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        try
        {
            _displays = await Displays.ListAsync((await AuthenticationState).User);
        }
        catch (UnauthorizedAccessException ex)
        {
            _displays = [];
            Snackbar.Add(ex.Message, Severity.Error);
        }
    }

    private string LinkFor(string token) =>
        Navigation.ToAbsoluteUri($"{DisplayAuthentication.FloorPath.TrimStart('/')}?{DisplayAuthentication.TokenParameter}={Uri.EscapeDataString(token)}").ToString();

    private string Local(DateTime? utc) =>
        utc is { } value ? SiteClock.ToLocal(value).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "–";
}
