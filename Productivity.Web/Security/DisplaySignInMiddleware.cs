using Microsoft.AspNetCore.Authentication;
using Productivity.Infrastructure.Displays;

namespace Productivity.Web.Security;

/// <summary>
/// <c>GET /floor?token=…</c>: a valid token signs the TV in as its display and redirects to <c>/floor</c>, so the
/// token leaves the address bar and the history; an unknown, malformed or revoked token gets a 401 page, never data.
/// </summary>
internal sealed class DisplaySignInMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, DisplayDeviceService displays)
    {
        if (!HttpMethods.IsGet(context.Request.Method)
            || !context.Request.Path.Equals(DisplayAuthentication.FloorPath, StringComparison.OrdinalIgnoreCase)
            || !context.Request.Query.TryGetValue(DisplayAuthentication.TokenParameter, out var token))
        {
            await next(context);
            return;
        }
        var display = await displays.FindActiveByTokenAsync(token.ToString(), context.RequestAborted);
        if (display is null)
        {
            await DisplayCookieEvents.WriteRefusalAsync(context, StatusCodes.Status401Unauthorized);
            return;
        }
        await context.SignInAsync(DisplayAuthentication.Scheme, DisplayAuthentication.CreatePrincipal(display),
            new AuthenticationProperties { IsPersistent = true });
        context.Response.Redirect(DisplayAuthentication.FloorPath);
    }
}
