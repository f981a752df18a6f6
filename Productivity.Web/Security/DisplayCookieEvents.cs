using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Productivity.Infrastructure.Displays;

namespace Productivity.Web.Security;

internal static class DisplayCookieEvents
{
    public const string RefusedMessage = "This display is not signed in: its link is not valid or was revoked. Ask an Admin for a new display link.";

    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var displays = context.HttpContext.RequestServices.GetRequiredService<DisplayDeviceService>();
        if (context.Principal is null
            || !DisplayAuthentication.TryGetDisplayId(context.Principal, out var id)
            || !await displays.IsActiveAsync(id, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(DisplayAuthentication.Scheme);
        }
    }

    /// <summary>A display is a TV: there is no sign-in page to send it to, so it gets a plain 401 page.</summary>
    public static Task RefuseSignInAsync(RedirectContext<CookieAuthenticationOptions> context) =>
        WriteRefusalAsync(context.HttpContext, StatusCodes.Status401Unauthorized);

    public static Task RefuseAccessAsync(RedirectContext<CookieAuthenticationOptions> context) =>
        WriteRefusalAsync(context.HttpContext, StatusCodes.Status403Forbidden);

    public static Task WriteRefusalAsync(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Display not signed in · Productivity</title></head>
            <body style="margin:0;height:100vh;display:flex;align-items:center;justify-content:center;background:#111;color:#eee;font:2rem/1.4 Roboto,Arial,sans-serif;text-align:center">
            <p data-testid="display-refused" style="max-width:40rem">{WebUtility.HtmlEncode(RefusedMessage)}</p>
            </body></html>
            """);
    }
}
