using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Productivity.Web.Components.Account;

namespace Productivity.Web.Security;

/// <summary>
/// A circuit lives all day, so its user is checked again on every event it receives (a click, a keystroke, a
/// navigation, a render acknowledgement): a disabled, locked, demoted or signed-out user's next action finds the page
/// signed out. One primary-key read per event; the services behind the pages check the caller again themselves.
/// </summary>
internal sealed class RevalidateOnActivity(AuthenticationStateProvider authentication) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            if (authentication is IdentityRevalidatingAuthenticationStateProvider provider)
            {
                await provider.RevalidateNowAsync();
            }
            await next(context);
        };
}
