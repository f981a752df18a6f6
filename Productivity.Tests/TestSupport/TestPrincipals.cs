using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Security;
using Productivity.Infrastructure.Identity;

namespace Productivity.Tests.TestSupport;

/// <summary>Signed-in callers for services that take a <see cref="ClaimsPrincipal"/>.</summary>
public static class TestPrincipals
{
    public const string LeadEmail = "lead@example.test";

    /// <summary>The seeded first Admin (<see cref="TestHost.AdminEmail"/>) as their sign-in cookie describes them.</summary>
    public static async Task<ClaimsPrincipal> AdminAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var admin = await users.FindByEmailAsync(TestHost.AdminEmail);
        return await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>().CreateAsync(admin!);
    }

    /// <summary>A Lead who exists in the host's database, where the services check every caller.</summary>
    public static async Task<ClaimsPrincipal> LeadAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(LeadEmail)
            ?? await TestUsers.CreateAsync(services, LeadEmail, "lead-password-1234", Roles.Lead);
        return WithRoles(LeadEmail, user.Id, Roles.Lead);
    }

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
