using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Productivity.Core.Security;
using Productivity.Infrastructure.Configuration;
using Productivity.Infrastructure.Identity;

namespace Productivity.Infrastructure.Persistence.Seeding;

/// <summary>Creates the roles and, when no Admin exists yet, the first Admin.</summary>
internal sealed class IdentitySeeder(
    RoleManager<IdentityRole> roleManager,
    UserManager<ApplicationUser> userManager,
    IOptions<SeedOptions> seedOptions,
    TimeProvider timeProvider,
    ILogger<IdentitySeeder> logger)
{
    public const string DefaultAdminEmail = "admin@localhost";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var role in Roles.All)
        {
            if (!await roleManager.RoleExistsAsync(role))
            {
                Ensure(await roleManager.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }

        if ((await userManager.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
        {
            return;
        }

        var options = seedOptions.Value;
        var email = string.IsNullOrWhiteSpace(options.AdminEmail) ? DefaultAdminEmail : options.AdminEmail.Trim();
        var generated = string.IsNullOrEmpty(options.AdminPassword);
        var password = generated ? PasswordGenerator.Generate() : options.AdminPassword!;

        var user = await userManager.FindByEmailAsync(email);
        if (user is null)
        {
            user = new ApplicationUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = "Administrator",
                MustChangePassword = generated,
                CreatedUtc = timeProvider.GetUtcNow().UtcDateTime,
            };
            var created = await userManager.CreateAsync(user, password);
            if (!created.Succeeded && !generated)
            {
                throw new ConfigurationException(
                    $"Seed:AdminPassword does not meet the password policy: {string.Join(" ", created.Errors.Select(e => e.Description))}");
            }
            Ensure(created, "create the first Admin");
        }
        Ensure(await userManager.AddToRoleAsync(user, Roles.Admin), "make the first Admin");

        if (generated)
        {
            // Printed once, on purpose: the operator needs it for the first sign-in, which forces a change.
            Console.WriteLine($"First Admin created: {email} / {password} (you must change it at first sign-in)");
            logger.LogWarning("First Admin {Email} created with a generated password printed to the console.", email);
        }
        else
        {
            logger.LogInformation("First Admin {Email} created from Seed:AdminEmail.", email);
        }
    }

    private static void Ensure(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
