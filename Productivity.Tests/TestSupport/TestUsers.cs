using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Infrastructure.Identity;

namespace Productivity.Tests.TestSupport;

/// <summary>Creates a signed-in-able user with the app's own Identity setup, as an Admin would.</summary>
public static class TestUsers
{
    public static async Task<ApplicationUser> CreateAsync(IServiceProvider services, string email, string password, params string[] roles)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email };
        var created = await users.CreateAsync(user, password);
        created.Succeeded.ShouldBeTrue(string.Join(" ", created.Errors.Select(e => e.Description)));
        if (roles.Length > 0)
        {
            (await users.AddToRolesAsync(user, roles)).Succeeded.ShouldBeTrue();
        }
        return user;
    }
}
