using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Productivity.Infrastructure;
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

    /// <summary>
    /// Creates a user in the database of an app run as a separate process (<see cref="AppProcess"/>), with the app's own
    /// Identity setup: <paramref name="configuration"/> is the app's; the app must have migrated the database by now.
    /// </summary>
    public static async Task<ApplicationUser> CreateInAppAsync(IReadOnlyDictionary<string, string> configuration, string email, string password,
        params string[] roles)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(configuration.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value)));
        builder.Configuration.AddInMemoryCollection([KeyValuePair.Create("Jobs:Enabled", (string?)"false")]);
        builder.Logging.ClearProviders();
        builder.AddInfrastructure();
        using var host = builder.Build();
        return await CreateAsync(host.Services, email, password, roles);
    }
}
