using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Productivity.Web.Components.Shared;
using MudBlazor;
using Productivity.Infrastructure.Configuration;
using Productivity.Infrastructure.Identity;
using Productivity.Web.Theme;

namespace Productivity.Web.Components.Layout;

public partial class MainLayout
{
    private readonly MudTheme _theme = ProductivityTheme.Create();
    private bool _drawerOpen = true;
    private bool _darkMode;
    private PageBoundary? _boundary;

    [Inject]
    private UserPreferences Preferences { get; set; } = default!;

    [Inject]
    private StartupSettings Settings { get; set; } = default!;

    private bool DemoMode => Settings.DemoMode;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null)
        {
            var state = await AuthenticationState;
            _darkMode = await Preferences.GetDarkModeAsync(state.User) ?? false;
        }
    }

    // Navigating to another page leaves the failed one behind.
    protected override void OnParametersSet() => _boundary?.Recover();

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private async Task ToggleDarkModeAsync()
    {
        _darkMode = !_darkMode;
        if (AuthenticationState is not null)
        {
            await Preferences.SetDarkModeAsync((await AuthenticationState).User, _darkMode);
        }
    }
}
