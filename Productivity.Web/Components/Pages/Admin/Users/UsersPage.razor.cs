using Microsoft.AspNetCore.Components;
using MudBlazor;
using Productivity.Infrastructure.Identity;
using Productivity.Web.Components.Shared;

namespace Productivity.Web.Components.Pages.Admin.Users;

public partial class UsersPage
{
    private MudDataGrid<UserSummary>? _grid;
    private string? _search;

    [Inject]
    private IUserAdministration Users { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    private async Task<GridData<UserSummary>> LoadAsync(GridState<UserSummary> state, CancellationToken cancellationToken)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var sortBy = sort?.SortBy switch
        {
            nameof(UserSummary.DisplayName) => "DisplayName",
            nameof(UserSummary.CreatedUtc) => "CreatedUtc",
            _ => "Email",
        };
        var page = await Users.SearchAsync(await ActorAsync(),
            new UserQuery(_search, state.Page, state.PageSize, sortBy, sort?.Descending ?? false), cancellationToken);
        return new GridData<UserSummary> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private async Task OnSearchChangedAsync(string? value)
    {
        _search = value;
        await ReloadAsync();
    }

    private async Task CreateUserAsync()
    {
        var dialog = await Dialogs.ShowAsync<CreateUserDialog>("New user");
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: NewUser newUser })
        {
            await RunAsync(async actor =>
            {
                var created = await Users.CreateAsync(actor, newUser);
                await ShowPasswordAsync(created.User.Email, created.Password);
            });
        }
    }

    private async Task EditRolesAsync(UserSummary user)
    {
        var parameters = new DialogParameters<EditRolesDialog> { { d => d.Selected, user.Roles.ToHashSet() } };
        var dialog = await Dialogs.ShowAsync<EditRolesDialog>($"Roles of {user.Email}", parameters);
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: IReadOnlyCollection<string> roles })
        {
            await RunAsync(actor => Users.SetRolesAsync(actor, user.Id, roles), $"Roles of {user.Email} saved.");
        }
    }

    private Task ToggleLockAsync(UserSummary user) =>
        RunAsync(actor => Users.SetLockedAsync(actor, user.Id, !user.IsLocked),
            user.IsLocked ? $"{user.Email} unlocked." : $"{user.Email} locked.");

    private Task ToggleDisabledAsync(UserSummary user) =>
        RunAsync(actor => Users.SetDisabledAsync(actor, user.Id, !user.IsDisabled),
            user.IsDisabled ? $"{user.Email} enabled." : $"{user.Email} disabled; open sessions end within a minute.");

    private async Task ResetPasswordAsync(UserSummary user)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Reset password",
            $"Generate a new password for {user.Email}? Their current password stops working.", yesText: "Reset", cancelText: "Cancel");
        if (confirmed == true)
        {
            await RunAsync(async actor => await ShowPasswordAsync(user.Email, await Users.ResetPasswordAsync(actor, user.Id)));
        }
    }

    private async Task ShowPasswordAsync(string email, string password)
    {
        var parameters = new DialogParameters<PasswordShownOnceDialog>
        {
            { d => d.Email, email },
            { d => d.Password, password },
        };
        await Dialogs.ShowAsync<PasswordShownOnceDialog>("Password (shown once)", parameters,
            new DialogOptions { BackdropClick = false, CloseOnEscapeKey = false });
    }

    protected override Task ReloadAsync() => _grid?.ReloadServerData() ?? Task.CompletedTask;
}
