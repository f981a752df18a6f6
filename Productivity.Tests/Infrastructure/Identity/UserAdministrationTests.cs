using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Auditing;
using Productivity.Core.Security;
using Productivity.Infrastructure.Identity;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Security;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Infrastructure.Identity;

/// <summary>User administration against both real providers: rules, audit entries and server-side authorization.</summary>
public sealed class UserAdministrationTests
{
    public static TheoryData<string> Providers => new() { "Sqlite", "MySql" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task LastActiveAdmin_CannotBeDemotedDisabledOrLocked(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await using var scope = host.CreateScope();
        var (service, admin, adminId) = await ArrangeAsync(scope.ServiceProvider);

        var demote = await Should.ThrowAsync<AdminActionRefusedException>(() => service.SetRolesAsync(admin, adminId, [Roles.Manager]));
        var disable = await Should.ThrowAsync<AdminActionRefusedException>(() => service.SetDisabledAsync(admin, adminId, true));
        var lockOut = await Should.ThrowAsync<AdminActionRefusedException>(() => service.SetLockedAsync(admin, adminId, true));

        demote.Reason.ShouldBe(AdminRefusal.CannotDemoteLastAdmin);
        disable.Reason.ShouldBe(AdminRefusal.CannotDisableLastAdmin);
        lockOut.Reason.ShouldBe(AdminRefusal.CannotLockLastAdmin);
        (await AuditCountAsync(scope.ServiceProvider)).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SecondAdmin_AllowsDemotingTheFirst_AndAuditsEachChange(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await using var scope = host.CreateScope();
        var (service, admin, adminId) = await ArrangeAsync(scope.ServiceProvider);

        var created = await service.CreateAsync(admin, new NewUser("second@example.test", "Second", [Roles.Admin]));
        await service.SetRolesAsync(admin, adminId, [Roles.Manager]);

        var audit = await scope.ServiceProvider.GetRequiredService<ProductivityDbContext>().AuditEntries
            .OrderBy(a => a.Id).ToListAsync();
        audit.Count.ShouldBe(2);
        audit[0].Action.ShouldBe("Created");
        audit[0].TargetId.ShouldBe(created.User.Id);
        audit[0].NewValue.ShouldBe("roles: Admin");
        audit[1].Action.ShouldBe("RolesChanged");
        audit[1].OldValue.ShouldBe("Admin");
        audit[1].NewValue.ShouldBe("Manager");
        audit[1].ActorName.ShouldBe(TestHost.AdminEmail);
        audit[1].Kind.ShouldBe(AuditKinds.User);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task EveryChange_WritesExactlyOneAuditEntry(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await using var scope = host.CreateScope();
        var (service, admin, _) = await ArrangeAsync(scope.ServiceProvider);
        var user = (await service.CreateAsync(admin, new NewUser("lead@example.test", null, [Roles.Lead]))).User;

        await service.SetLockedAsync(admin, user.Id, true);
        await service.SetLockedAsync(admin, user.Id, false);
        await service.SetDisabledAsync(admin, user.Id, true);
        await service.SetDisabledAsync(admin, user.Id, false);
        await service.ResetPasswordAsync(admin, user.Id);
        await service.SetRolesAsync(admin, user.Id, [Roles.Lead, Roles.Manager]);
        await service.SetRolesAsync(admin, user.Id, [Roles.Lead, Roles.Manager]);

        var actions = await scope.ServiceProvider.GetRequiredService<ProductivityDbContext>().AuditEntries
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
        actions.ShouldBe(["Created", "Locked", "Unlocked", "Disabled", "Enabled", "PasswordReset", "RolesChanged"]);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task NonAdmin_IsRefusedOnTheServer(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await using var scope = host.CreateScope();
        var (service, admin, adminId) = await ArrangeAsync(scope.ServiceProvider);
        await service.CreateAsync(admin, new NewUser("manager@example.test", null, [Roles.Manager]));
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var manager = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>()
            .CreateAsync((await users.FindByEmailAsync("manager@example.test"))!);

        await Should.ThrowAsync<UnauthorizedAccessException>(() => service.SearchAsync(manager, new UserQuery(null, 0, 10)));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => service.SetRolesAsync(manager, adminId, [Roles.Lead]));
        await Should.ThrowAsync<UnauthorizedAccessException>(() =>
            service.CreateAsync(new ClaimsPrincipal(new ClaimsIdentity()), new NewUser("x@example.test", null, [Roles.Admin])));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Search_FiltersAndPages(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await using var scope = host.CreateScope();
        var (service, admin, _) = await ArrangeAsync(scope.ServiceProvider);
        for (var i = 0; i < 12; i++)
        {
            await service.CreateAsync(admin, new NewUser($"picker{i:D2}@example.test", $"Picker {i}", [Roles.Lead]));
        }

        var page = await service.SearchAsync(admin, new UserQuery("picker", 1, 5));
        var all = await service.SearchAsync(admin, new UserQuery(null, 0, 50));

        page.TotalCount.ShouldBe(12);
        page.Items.Select(u => u.Email).ShouldBe(["picker05@example.test", "picker06@example.test", "picker07@example.test",
            "picker08@example.test", "picker09@example.test"]);
        page.Items[0].Roles.ShouldBe([Roles.Lead]);
        page.Items[0].MustChangePassword.ShouldBeTrue();
        all.TotalCount.ShouldBe(13);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Create_DuplicateEmailOrUnknownRole_IsRefusedWithAClearMessage(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await using var scope = host.CreateScope();
        var (service, admin, _) = await ArrangeAsync(scope.ServiceProvider);

        var duplicate = await Should.ThrowAsync<AdminActionRefusedException>(() =>
            service.CreateAsync(admin, new NewUser(TestHost.AdminEmail, null, [Roles.Lead])));
        var unknown = await Should.ThrowAsync<AdminActionRefusedException>(() =>
            service.CreateAsync(admin, new NewUser("new@example.test", null, ["Viewer"])));

        duplicate.Reason.ShouldBe(AdminRefusal.UserEmailTaken);
        duplicate.Details.ShouldBe([TestHost.AdminEmail]);
        unknown.Reason.ShouldBe(AdminRefusal.UnknownRole);
        unknown.Details.ShouldBe(["Viewer"]);
    }

    private static async Task<(IUserAdministration Service, ClaimsPrincipal Admin, string AdminId)> ArrangeAsync(IServiceProvider services)
    {
        var admin = await TestPrincipals.AdminAsync(services);
        return (services.GetRequiredService<IUserAdministration>(), admin, admin.FindFirstValue(ClaimTypes.NameIdentifier)!);
    }

    private static Task<int> AuditCountAsync(IServiceProvider services) =>
        services.GetRequiredService<ProductivityDbContext>().AuditEntries.CountAsync();
}
