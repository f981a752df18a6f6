using System.Security.Claims;
using Productivity.Core.Security;

namespace Productivity.Tests.TestSupport;

/// <summary>Signed-in callers for services that take a <see cref="ClaimsPrincipal"/>.</summary>
public static class TestPrincipals
{
    public static ClaimsPrincipal Lead { get; } = WithRoles("lead@example.test", null, Roles.Lead);

    /// <summary>Signed in, but with none of the application's roles.</summary>
    public static ClaimsPrincipal NoRole { get; } = WithRoles("nobody@example.test", null);

    public static ClaimsPrincipal WithRoles(string name, string? userId, params string[] roles)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name) };
        if (userId is not null)
        {
            claims.Add(new Claim(ClaimTypes.NameIdentifier, userId));
        }
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }
}
