using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Productivity.Core.Api;
using Productivity.Infrastructure.Api;

namespace Productivity.Web.Api;

/// <summary>
/// The read API's only authentication: <c>Authorization: Bearer pat_…</c>. Every request reads the token and its user
/// fresh from the database (<see cref="ApiTokenService.AuthenticateAsync"/>): a revoked or expired token, or a disabled
/// or Admin-locked user, is 401 at the very next call, and the principal carries the roles the user holds at that
/// moment, never the ones they had when the token was made. Cookies are not read here, so a browser carrying a
/// signed-in cookie cannot be made to call the API by another site (no CSRF through the API).
/// </summary>
public sealed class ApiTokenAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder, ApiTokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string ScopeClaim = "scope";
    public const string TokenIdClaim = "productivity:api-token";

    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (PresentedToken(Request) is not { } presented)
        {
            return AuthenticateResult.NoResult();
        }
        var caller = await tokens.AuthenticateAsync(presented, Context.RequestAborted);
        if (caller is null)
        {
            return AuthenticateResult.Fail("The token is unknown, revoked or expired, or its user may no longer sign in.");
        }
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, caller.UserId),
            new(TokenIdClaim, caller.TokenId.ToString(CultureInfo.InvariantCulture)),
        };
        if (caller.UserName is not null)
        {
            claims.Add(new Claim(ClaimTypes.Name, caller.UserName));
        }
        claims.AddRange(caller.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        if (caller.Scopes.HasFlag(ApiScopes.ReadScores))
        {
            claims.Add(new Claim(ScopeClaim, ApiScopeNames.ReadScores));
        }
        if (caller.Scopes.HasFlag(ApiScopes.ReadCosts))
        {
            claims.Add(new Claim(ScopeClaim, ApiScopeNames.ReadCosts));
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var presented = PresentedToken(Request) is not null;
        // RFC 6750: a request without a token gets the bare challenge; a bad token is invalid_token.
        Response.Headers[HeaderNames.WWWAuthenticate] = presented ? "Bearer error=\"invalid_token\"" : "Bearer";
        await ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, presented
            ? "The access token is not valid: it is unknown, revoked or expired, or its user is disabled."
            : "This endpoint needs a personal access token: send 'Authorization: Bearer <token>'. Sign-in cookies are not accepted.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden,
            "The token's scopes or its user's roles do not allow this request.");

    /// <summary>The bearer token of the request, or null without an Authorization header of that scheme.</summary>
    public static string? PresentedToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) && header.Length > BearerPrefix.Length
            ? header[BearerPrefix.Length..].Trim()
            : null;
    }
}
