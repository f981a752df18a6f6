using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Productivity.Web.Components.Shared;

/// <summary>
/// The base of the pages (and their parts) that run admin actions: the signed-in caller, and one way to run an action
/// as them with its outcome in the snackbar. The services check the caller against the database on every call; a
/// refusal becomes its sentence (<see cref="RefusalText"/>) here, any other exception is a fault and is not caught.
/// </summary>
public abstract class AdminComponentBase : ComponentBase
{
    [Inject]
    protected ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>True while <see cref="RunAsync"/> runs an action (the page disables its buttons).</summary>
    protected bool Busy { get; private set; }

    /// <summary>Read on every call: the circuit's user as its authentication state says now.</summary>
    protected async Task<ClaimsPrincipal> ActorAsync() => (await AuthenticationState).User;

    /// <summary>
    /// Runs <paramref name="action"/> as the caller and shows <paramref name="success"/> (if any) when it succeeds, or the
    /// refusal when it is refused; then, either way, reloads what the page shows (<see cref="ReloadAsync"/>) unless
    /// <paramref name="reload"/> is false.
    /// </summary>
    protected async Task RunAsync(Func<ClaimsPrincipal, Task> action, string? success = null, bool reload = true)
    {
        Busy = true;
        try
        {
            await action(await ActorAsync());
            if (success is not null)
            {
                Snackbar.Add(success, Severity.Success);
            }
        }
        catch (Exception ex) when (RefusalText.Of(ex) is { } refusal)
        {
            Snackbar.Add(refusal, Severity.Error);
        }
        finally
        {
            Busy = false;
        }
        if (reload)
        {
            await ReloadAsync();
        }
    }

    /// <summary>Reloads the page's data after an action; nothing by default.</summary>
    protected virtual Task ReloadAsync() => Task.CompletedTask;
}
