using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Security;
using Productivity.Infrastructure.Displays;
using Productivity.Infrastructure.Identity;
using Productivity.Infrastructure.Persistence;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Infrastructure.Security;

/// <summary>
/// A circuit's scope lives as long as its page: each test keeps one scope open as a page does (and uses it once first,
/// as an open page has), changes the caller or target through another, and checks the first scope's next call.
/// </summary>
public sealed class FreshAccessTests
{
    public static TheoryData<string, string> Revocations => new()
    {
        { "Sqlite", "demote" }, { "Sqlite", "disable" }, { "Sqlite", "lock" },
        { "MySql", "demote" }, { "MySql", "disable" }, { "MySql", "lock" },
    };

    [Theory]
    [MemberData(nameof(Revocations))]
    public async Task RevokedAdmin_OpenPage_NextCreateRoleChangeAndDisplayAreRefused(string provider, string revocation)
    {
        await using var host = await TestHost.StartAsync(provider);
        var adminA = await TestPrincipals.AdminAsync(host.Services);
        var (adminB, _) = await CreateAsync(host, adminA, "b@example.test", Roles.Admin);
        var (_, leadId) = await CreateAsync(host, adminA, "lead@example.test", Roles.Lead);
        await using var pageOfA = host.CreateScope();
        var usersOfA = pageOfA.ServiceProvider.GetRequiredService<IUserAdministration>();
        var displaysOfA = pageOfA.ServiceProvider.GetRequiredService<DisplayDeviceService>();
        (await usersOfA.SearchAsync(adminA, new UserQuery(null, 0, 10))).TotalCount.ShouldBe(3);

        await RevokeAsync(host, adminB, Id(adminA), revocation);
        var audited = await AuditCountAsync(host);

        await Should.ThrowAsync<UnauthorizedAccessException>(() =>
            usersOfA.CreateAsync(adminA, new NewUser("mallory@example.test", null, [Roles.Admin])));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => usersOfA.SetRolesAsync(adminA, leadId, [Roles.Admin]));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => displaysOfA.CreateAsync(adminA, "Mallory's TV"));
        (await AuditCountAsync(host)).ShouldBe(audited);
        await using var check = host.CreateScope();
        (await check.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync("mallory@example.test")).ShouldBeNull();
        (await check.ServiceProvider.GetRequiredService<ProductivityDbContext>().DisplayDevices.CountAsync()).ShouldBe(0);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task StaleSecondTab_DisableAndLock_AlwaysTakeEffectAndAreAudited(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var admin = await TestPrincipals.AdminAsync(host.Services);
        var (_, userId) = await CreateAsync(host, admin, "lead@example.test", Roles.Lead);
        await using var tab1 = host.CreateScope();
        await using var tab2 = host.CreateScope();
        var first = tab1.ServiceProvider.GetRequiredService<IUserAdministration>();
        var second = tab2.ServiceProvider.GetRequiredService<IUserAdministration>();

        await first.SetDisabledAsync(admin, userId, true);
        await second.SetDisabledAsync(admin, userId, false);
        await first.SetDisabledAsync(admin, userId, true);
        await first.SetLockedAsync(admin, userId, true);
        await second.SetLockedAsync(admin, userId, false);
        await first.SetLockedAsync(admin, userId, true);

        await using var check = host.CreateScope();
        var user = await check.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByIdAsync(userId);
        user!.IsDisabled.ShouldBeTrue();
        ApplicationUser.IsAdminLock(user.LockoutEnd).ShouldBeTrue();
        var actions = await check.ServiceProvider.GetRequiredService<ProductivityDbContext>().AuditEntries
            .Where(a => a.TargetId == userId).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
        actions.ShouldBe(["Created", "Disabled", "Enabled", "Disabled", "Locked", "Unlocked", "Locked"]);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task SignInLockout_OfAnAdmin_NeitherBlocksTheirAccessNorCountsAsAnAdminLock(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var admin = await TestPrincipals.AdminAsync(host.Services);
        await using (var scope = host.CreateScope())
        {
            // What five wrong passwords do (Identity's lockout for 15 minutes).
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var stored = await users.FindByIdAsync(Id(admin));
            for (var i = 0; i < 5; i++)
            {
                await users.AccessFailedAsync(stored!);
            }
            (await users.IsLockedOutAsync(stored!)).ShouldBeTrue();
        }
        await using var page = host.CreateScope();
        var service = page.ServiceProvider.GetRequiredService<IUserAdministration>();

        var list = await service.SearchAsync(admin, new UserQuery(null, 0, 10));
        await service.CreateAsync(admin, new NewUser("new@example.test", null, [Roles.Lead]));

        list.Items.Single().IsLocked.ShouldBeFalse();
        (await page.ServiceProvider.GetRequiredService<DisplayDeviceService>().ListAsync(admin)).ShouldBeEmpty();
    }

    private static async Task RevokeAsync(TestHost host, ClaimsPrincipal actor, string userId, string revocation)
    {
        await using var scope = host.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<IUserAdministration>();
        await (revocation switch
        {
            "demote" => users.SetRolesAsync(actor, userId, [Roles.Manager]),
            "disable" => users.SetDisabledAsync(actor, userId, true),
            _ => users.SetLockedAsync(actor, userId, true),
        });
    }

    private static async Task<(ClaimsPrincipal Principal, string Id)> CreateAsync(TestHost host, ClaimsPrincipal admin, string email, string role)
    {
        await using var scope = host.CreateScope();
        var created = await scope.ServiceProvider.GetRequiredService<IUserAdministration>().CreateAsync(admin, new NewUser(email, null, [role]));
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByIdAsync(created.User.Id);
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>().CreateAsync(user!);
        return (principal, created.User.Id);
    }

    private static string Id(ClaimsPrincipal principal) => principal.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private static async Task<int> AuditCountAsync(TestHost host)
    {
        await using var scope = host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ProductivityDbContext>().AuditEntries.CountAsync();
    }
}
