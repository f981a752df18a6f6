using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;
using Productivity.Infrastructure.Displays;
using Productivity.Infrastructure.Identity;
using Productivity.Web.Security;

namespace Productivity.Web.Components.Account;

// Re-checks the circuit's user (their session still stands: SessionCheck) or shop-floor display (not revoked) on every
// event the circuit receives (RevalidateOnActivity) and, for a page nobody touches, on a timer. A circuit whose user no
// longer stands is signed out: its pages show the sign-in page or "no access" instead of more data.
internal sealed class IdentityRevalidatingAuthenticationStateProvider(
        ILoggerFactory loggerFactory,
        SessionCheck sessions,
        DisplayDeviceService displays,
        IOptions<RevalidationOptions> revalidation)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    private static readonly AuthenticationState SignedOut = new(new ClaimsPrincipal(new ClaimsIdentity()));
    private readonly ILogger _logger = loggerFactory.CreateLogger<IdentityRevalidatingAuthenticationStateProvider>();

    protected override TimeSpan RevalidationInterval => revalidation.Value.Interval;

    /// <summary>Checks the circuit's user now and signs the circuit out when they no longer stand.</summary>
    public async Task RevalidateNowAsync(CancellationToken cancellationToken = default)
    {
        AuthenticationState state;
        try
        {
            state = await GetAuthenticationStateAsync();
        }
        catch (InvalidOperationException)
        {
            // The circuit's first messages can arrive before its authentication state is set; nothing to check yet.
            return;
        }
        try
        {
            if (state.User.Identity?.IsAuthenticated == true && !await ValidateAuthenticationStateAsync(state, cancellationToken))
            {
                SetAuthenticationState(Task.FromResult(SignedOut));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database is unreachable: the circuit goes on (every service behind it checks the caller again and
            // fails the same way), and the timed revalidation retries.
            _logger.LogWarning(ex, "Could not re-check the circuit's user; the next event or the timer tries again.");
        }
    }

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        DisplayAuthentication.TryGetDisplayId(authenticationState.User, out var displayId)
            ? await displays.IsActiveAsync(displayId, cancellationToken)
            : await sessions.IsCurrentAsync(authenticationState.User, cancellationToken);
}
