using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Productivity.Core.Time;
using Productivity.Infrastructure.Displays;
using Productivity.Web.Components.Shared;
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
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private SiteClock SiteClock { get; set; } = default!;
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
        await RunAsync(async actor => created = await Displays.CreateAsync(actor, name));
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
            await RunAsync(actor => Displays.RevokeAsync(actor, display.Id), $"{display.Name} revoked.");
        }
    }

    protected override async Task ReloadAsync()
    {
        try
        {
            _displays = await Displays.ListAsync(await ActorAsync());
        }
        catch (UnauthorizedAccessException ex)
        {
            _displays = [];
            Snackbar.Add(RefusalText.Of(ex)!, Severity.Error);
        }
    }

    private string LinkFor(string token) =>
        Navigation.ToAbsoluteUri($"{DisplayAuthentication.FloorPath.TrimStart('/')}?{DisplayAuthentication.TokenParameter}={Uri.EscapeDataString(token)}").ToString();

    private string Local(DateTime? utc) =>
        utc is { } value ? SiteClock.ToLocal(value).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "–";
}
