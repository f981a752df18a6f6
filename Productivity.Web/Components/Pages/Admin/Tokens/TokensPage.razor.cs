using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Productivity.Core.Time;
using Productivity.Infrastructure.Api;
using Productivity.Infrastructure.Identity;
using Productivity.Web.Components.Shared;

namespace Productivity.Web.Components.Pages.Admin.Tokens;

public sealed partial class TokensPage
{
    private IReadOnlyList<ApiTokenSummary>? _tokens;

    // Every call reads through a context of its own (the caller's rights included), so the page may hold them.
    [Inject]
    private ApiTokenService Tokens { get; set; } = default!;

    [Inject]
    private IUserAdministration Users { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private SiteClock SiteClock { get; set; } = default!;

    [Inject]
    private TimeProvider TimeProvider { get; set; } = default!;

    protected override Task OnInitializedAsync() => ReloadAsync();

    private async Task CreateAsync()
    {
        UserPage? users = null;
        await RunAsync(async actor => users = await Users.SearchAsync(actor, new UserQuery(null, 0, 500)));
        if (users is null)
        {
            return;
        }
        var dialog = await Dialogs.ShowAsync<CreateTokenDialog>("New API token",
            new DialogParameters<CreateTokenDialog> { { d => d.Users, users.Items.Where(u => !u.IsDisabled).ToList() } });
        if (await dialog.Result is not { Canceled: false, Data: CreateTokenDialog.Request request })
        {
            return;
        }
        CreatedApiToken? created = null;
        await RunAsync(async actor => created = await Tokens.CreateAsync(actor, request.UserId, request.Name, request.Scopes, request.Days));
        if (created is not null)
        {
            var parameters = new DialogParameters<TokenShownOnceDialog>
            {
                { d => d.Name, created.Token.Name },
                { d => d.Secret, created.Secret },
            };
            await Dialogs.ShowAsync<TokenShownOnceDialog>("API token (shown once)", parameters,
                new DialogOptions { BackdropClick = false, CloseOnEscapeKey = false, MaxWidth = MaxWidth.Medium, FullWidth = true });
        }
    }

    private async Task RevokeAsync(ApiTokenSummary token)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Revoke token",
            $"Revoke {token.Name} ({token.Prefix}…)? Its next request is refused.", yesText: "Revoke", cancelText: "Cancel");
        if (confirmed == true)
        {
            await RunAsync(actor => Tokens.RevokeAsync(actor, token.Id), $"{token.Name} revoked.");
        }
    }

    protected override async Task ReloadAsync()
    {
        try
        {
            _tokens = await Tokens.ListAsync(await ActorAsync());
        }
        catch (UnauthorizedAccessException ex)
        {
            _tokens = [];
            Snackbar.Add(RefusalText.Of(ex)!, Severity.Error);
        }
    }

    private string StatusOf(ApiTokenSummary token) =>
        token.IsRevoked ? "Revoked" : token.IsExpiredAt(TimeProvider.GetUtcNow().UtcDateTime) ? "Expired" : "Active";

    private string Local(DateTime? utc) =>
        utc is { } value ? SiteClock.ToLocal(value).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "–";
}
