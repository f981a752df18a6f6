using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Productivity.Core.Security;
using Productivity.Infrastructure.Displays;

namespace Productivity.Web.Security;

/// <summary>
/// Shop-floor TVs sign in as a display device, not as a person: <c>/floor?token=…</c> exchanges a device token for a
/// long-lived cookie of their own scheme, which carries only the device id. The default scheme picks that cookie only
/// for the floor page and its circuit, and only when no user is signed in, so a display principal never reaches
/// another endpoint. Every request re-checks the device, and open circuits re-check it every
/// <see cref="RevalidationOptions.Interval"/>; a revoked display ends within that time.
/// </summary>
public static class DisplayAuthentication
{
    public const string Scheme = "Display";
    public const string SelectorScheme = "UserOrDisplay";
    public const string CookieName = "Productivity.Display";
    public const string DisplayIdClaim = "productivity:display";
    public const string FloorPolicy = "Floor";
    public const string FloorPath = "/floor";
    public const string TokenParameter = "token";

    /// <summary>Kept fresh by every visit (sliding); a TV that stays off longer than this needs a new link.</summary>
    public static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(365);

    public static AuthenticationBuilder AddDisplayAuthentication(this AuthenticationBuilder builder, IWebHostEnvironment environment, string userCookieName)
    {
        builder.AddPolicyScheme(SelectorScheme, "User or display", options =>
            options.ForwardDefaultSelector = context => UsesDisplayCookie(context, userCookieName) ? Scheme : IdentityConstants.ApplicationScheme);
        builder.AddCookie(Scheme, options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            options.ExpireTimeSpan = CookieLifetime;
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = DisplayCookieEvents.ValidatePrincipalAsync;
            options.Events.OnRedirectToLogin = DisplayCookieEvents.RefuseSignInAsync;
            options.Events.OnRedirectToAccessDenied = DisplayCookieEvents.RefuseAccessAsync;
        });
        builder.Services.AddAuthorizationBuilder().AddPolicy(FloorPolicy, policy => policy.RequireAssertion(context =>
            context.User.IsInRole(Roles.Admin) || context.User.IsInRole(Roles.Manager) || TryGetDisplayId(context.User, out _)));
        return builder;
    }

    public static ClaimsPrincipal CreatePrincipal(DisplaySummary display) =>
        new(new ClaimsIdentity(
            [
                new Claim(DisplayIdClaim, display.Id.ToString(CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, display.Name),
            ],
            Scheme));

    public static bool TryGetDisplayId(ClaimsPrincipal principal, out int displayId)
    {
        displayId = 0;
        return principal.Identity?.AuthenticationType == Scheme
            && int.TryParse(principal.FindFirstValue(DisplayIdClaim), NumberStyles.None, CultureInfo.InvariantCulture, out displayId);
    }

    private static bool UsesDisplayCookie(HttpContext context, string userCookieName) =>
        !context.Request.Cookies.ContainsKey(userCookieName)
        && context.Request.Cookies.ContainsKey(CookieName)
        && (context.Request.Path.StartsWithSegments(FloorPath) || context.Request.Path.StartsWithSegments("/_blazor"));
}
