using Microsoft.AspNetCore.Components;
using Productivity.Web.Security;

namespace Productivity.Web.Components.Account;

internal sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    public const string StatusCookieName = "Identity.StatusMessage";

    private static readonly CookieBuilder StatusCookieBuilder = new()
    {
        SameSite = SameSiteMode.Strict,
        HttpOnly = true,
        IsEssential = true,
        MaxAge = TimeSpan.FromSeconds(5),
    };

    public void RedirectTo(string? uri)
    {
        uri ??= "";

        // Prevent open redirects.
        if (!Uri.IsWellFormedUriString(uri, UriKind.Relative)
            || uri.StartsWith("//", StringComparison.Ordinal))
        {
            uri = navigationManager.ToBaseRelativePath(uri);
        }

        navigationManager.NavigateTo(uri);
    }

    /// <summary>
    /// After sign-in: the page the user came from when it is a path on this site, otherwise the dashboard. It navigates
    /// directly, because <see cref="RedirectTo(string?)"/> resolves anything that is not a well-formed relative URI
    /// against the base address, which throws for another host.
    /// </summary>
    public void RedirectToReturnUrl(string? returnUrl) =>
        navigationManager.NavigateTo(LocalReturnPath.IsLocal(returnUrl) ? returnUrl! : "/");

    public void RedirectToWithStatus(string uri, string message, HttpContext context)
    {
        context.Response.Cookies.Append(StatusCookieName, message, StatusCookieBuilder.Build(context));
        RedirectTo(uri);
    }
}
