using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Activities;
using Productivity.Core.Auditing;
using Productivity.Core.Employees;
using Productivity.Core.Scoring;
using Productivity.Core.Security;
using Productivity.Core.Sync;
using Productivity.Infrastructure.Employees;
using Productivity.Infrastructure.Identity;
using Productivity.Infrastructure.Mappings;
using Productivity.Infrastructure.Security;
using Productivity.Tests.Core.Scoring;
using Productivity.Tests.Infrastructure.Scoring;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Infrastructure.Employees;

public sealed class EmployeeAdministrationTests
{
    private const string PodFactoryEmail = "ben.picker@pod.example.test";
    private static readonly DateOnly Dec10 = new(2025, 12, 10);

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task EveryChange_WritesExactlyOneAuditEntry(string provider)
    {
        var example = SpecExample.Load("B-batch-gaps.json");
        await using var context = await ScoringTestContext.StartAsync(provider, example.NowUtc);
        var admin = await AdminAsync(context);
        var employee = await context.AddEmployeeAsync("ben");
        var unverified = await AddUnverifiedEmailAsync(context, employee, "ben.second@pod.example.test");
        var changes = new (string Kind, string Action, Func<IEmployeeAdministration, Task> Change)[]
        {
            (AuditKinds.Employee, "Archived", a => a.SetArchivedAsync(admin, employee, true)),
            (AuditKinds.Employee, "Restored", a => a.SetArchivedAsync(admin, employee, false)),
            (AuditKinds.Employee, "MarkedContractor", a => a.SetContractorAsync(admin, employee, true)),
            (AuditKinds.Employee, "UnmarkedContractor", a => a.SetContractorAsync(admin, employee, false)),
            (AuditKinds.Employee, "ConnecteamLinked", a => a.SetConnecteamUserIdAsync(admin, employee, 9001)),
            (AuditKinds.Employee, "ConnecteamUnlinked", a => a.SetConnecteamUserIdAsync(admin, employee, null)),
            (AuditKinds.Mapping, "Approved", a => a.AddEmailAsync(admin, employee, PodFactoryEmail)),
            (AuditKinds.Mapping, "Approved", a => a.VerifyEmailAsync(admin, employee, unverified)),
            (AuditKinds.Mapping, "Removed", a => a.RemoveEmailAsync(admin, employee, unverified)),
        };

        foreach (var (kind, action, change) in changes)
        {
            var before = await AuditCountAsync(context);
            await InScopeAsync(context, change);

            var entries = await context.QueryAsync(db => db.AuditEntries.OrderBy(e => e.Id).Skip(before).ToListAsync());
            var entry = entries.ShouldHaveSingleItem($"{action} must write exactly one audit entry");
            (entry.Kind, entry.Action, entry.ActorName).ShouldBe((kind, action, TestHost.AdminEmail));
        }
    }

    [Fact]
    public async Task NoOpChange_WritesNoAuditEntry()
    {
        await using var context = await ScoringTestContext.StartAsync("Sqlite", DateTime.UtcNow);
        var admin = await AdminAsync(context);
        var employee = await context.AddEmployeeAsync("ann");

        await InScopeAsync(context, a => a.SetArchivedAsync(admin, employee, false));
        await InScopeAsync(context, a => a.SetContractorAsync(admin, employee, false));

        (await AuditCountAsync(context)).ShouldBe(0);
    }

    [Theory]
    [InlineData(Roles.Lead)]
    [InlineData(Roles.Manager)]
    public async Task NonAdmin_IsRefusedAndNothingChanges(string role)
    {
        var example = SpecExample.Load("B-batch-gaps.json");
        await using var context = await ScoringTestContext.StartAsync("Sqlite", example.NowUtc);
        var caller = await UserAsync(context, $"{role.ToLowerInvariant()}@example.test", role);
        var employee = await context.AddEmployeeAsync("ben");
        var unverified = await AddUnverifiedEmailAsync(context, employee, "ben.second@pod.example.test");
        var changes = new Func<IEmployeeAdministration, Task>[]
        {
            a => a.SetArchivedAsync(caller, employee, true),
            a => a.SetContractorAsync(caller, employee, true),
            a => a.SetConnecteamUserIdAsync(caller, employee, 9001),
            a => a.AddEmailAsync(caller, employee, PodFactoryEmail),
            a => a.VerifyEmailAsync(caller, employee, unverified),
            a => a.RemoveEmailAsync(caller, employee, unverified),
        };

        foreach (var change in changes)
        {
            await Should.ThrowAsync<UnauthorizedAccessException>(() => InScopeAsync(context, change));
        }

        (await AuditCountAsync(context)).ShouldBe(0);
        var stored = await context.QueryAsync(db => db.Employees.SingleAsync(e => e.Id == employee));
        (stored.IsArchived, stored.IsContractor, stored.ConnecteamUserId).ShouldBe((false, false, (long?)null));
        (await context.QueryAsync(db => db.EmployeeEmails.SingleAsync())).IsVerified.ShouldBeFalse();
    }

    [Fact]
    public async Task Change_ByAPrincipalWithTheAdminClaimButNoAdminUser_IsRefused()
    {
        await using var context = await ScoringTestContext.StartAsync("Sqlite", DateTime.UtcNow);
        var forged = TestPrincipals.WithRoles("forged@example.test", "no-such-user", Roles.Admin);
        var employee = await context.AddEmployeeAsync("ann");

        await Should.ThrowAsync<UnauthorizedAccessException>(() => InScopeAsync(context, a => a.SetArchivedAsync(forged, employee, true)));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task AddEmail_AttributesTheStoredRowsAndRecomputesTheirDays(string provider)
    {
        var example = SpecExample.Load("B-batch-gaps.json");
        await using var context = await ScoringTestContext.StartAsync(provider, example.NowUtc);
        var admin = await AdminAsync(context);
        var employee = await context.AddEmployeeAsync("ben");
        await context.AddInputsAsync(employee, example.Shifts, []);
        await AddUnattributedRowsAsync(context, example.Windows);

        var days = await InScopeAsync(context, a => a.AddEmailAsync(admin, employee, " Ben.Picker@POD.example.test "));

        days.ShouldBe([new EmployeeDay(employee, Dec10)]);
        (await context.QueryAsync(db => db.Activities.CountAsync(a => a.EmployeeId == employee))).ShouldBe(5);
        var score = await context.QueryAsync(db => db.DailyScores.SingleAsync(s => s.EmployeeId == employee && s.BusinessDay == Dec10));
        (score.Items, score.ActiveMinutes, score.Utilization).ShouldBe((230, 139.85, 0.2742));
        (await context.QueryAsync(db => db.PendingMappings.SingleAsync())).Status.ShouldBe(PendingMappingStatus.Approved);
        (await context.QueryAsync(db => db.EmployeeEmails.SingleAsync())).ShouldSatisfyAllConditions(
            m => m.Email.ShouldBe(PodFactoryEmail), m => m.IsVerified.ShouldBeTrue(), m => m.EmployeeId.ShouldBe(employee));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task RemoveEmail_UnattributesTheRowsRequeuesTheEmailAndRecomputes(string provider)
    {
        var example = SpecExample.Load("B-batch-gaps.json");
        await using var context = await ScoringTestContext.StartAsync(provider, example.NowUtc);
        var admin = await AdminAsync(context);
        var employee = await context.AddEmployeeAsync("ben");
        await context.AddInputsAsync(employee, example.Shifts, []);
        await AddUnattributedRowsAsync(context, example.Windows);
        await InScopeAsync(context, a => a.AddEmailAsync(admin, employee, PodFactoryEmail));
        var mapping = await context.QueryAsync(db => db.EmployeeEmails.SingleAsync());

        var days = await InScopeAsync(context, a => a.RemoveEmailAsync(admin, employee, mapping.Id));

        days.ShouldBe([new EmployeeDay(employee, Dec10)]);
        (await context.QueryAsync(db => db.Activities.CountAsync(a => a.EmployeeId == null))).ShouldBe(5);
        (await context.QueryAsync(db => db.EmployeeEmails.CountAsync())).ShouldBe(0);
        (await context.QueryAsync(db => db.PendingMappings.SingleAsync())).Status.ShouldBe(PendingMappingStatus.Pending);
        var score = await context.QueryAsync(db => db.DailyScores.SingleAsync(s => s.EmployeeId == employee && s.BusinessDay == Dec10));
        (score.Items, score.ActiveMinutes).ShouldBe((0, 0d));
    }

    [Fact]
    public async Task AddEmail_CreditedToAnotherEmployee_IsRefused()
    {
        await using var context = await ScoringTestContext.StartAsync("Sqlite", DateTime.UtcNow);
        var admin = await AdminAsync(context);
        var ann = await context.AddEmployeeAsync("ann");
        var ben = await context.AddEmployeeAsync("ben");
        await InScopeAsync(context, a => a.AddEmailAsync(admin, ann, PodFactoryEmail));

        var refused = await Should.ThrowAsync<AdminActionRefusedException>(() => InScopeAsync(context, a => a.AddEmailAsync(admin, ben, PodFactoryEmail)));

        refused.Reason.ShouldBe(AdminRefusal.EmailCreditedElsewhere);
        (await AuditCountAsync(context)).ShouldBe(1);
    }

    [Fact]
    public async Task SetConnecteamUserId_HeldByAnotherEmployee_IsRefused()
    {
        await using var context = await ScoringTestContext.StartAsync("Sqlite", DateTime.UtcNow);
        var admin = await AdminAsync(context);
        var ann = await context.AddEmployeeAsync("ann");
        var ben = await context.AddEmployeeAsync("ben");
        await InScopeAsync(context, a => a.SetConnecteamUserIdAsync(admin, ann, 9001));

        var refused = await Should.ThrowAsync<AdminActionRefusedException>(() => InScopeAsync(context, a => a.SetConnecteamUserIdAsync(admin, ben, 9001)));

        refused.Reason.ShouldBe(AdminRefusal.ConnecteamUserIdTaken);
        refused.Details.ShouldBe(["9001", "ann", ann.ToString(CultureInfo.InvariantCulture)]);
        (await AuditCountAsync(context)).ShouldBe(1);
    }

    [Fact]
    public async Task Change_UnknownEmployee_IsRefused()
    {
        await using var context = await ScoringTestContext.StartAsync("Sqlite", DateTime.UtcNow);
        var admin = await AdminAsync(context);

        var refused = await Should.ThrowAsync<AdminActionRefusedException>(() => InScopeAsync(context, a => a.SetArchivedAsync(admin, 4242, true)));

        refused.Reason.ShouldBe(AdminRefusal.EmployeeNotFound);
        refused.Details.ShouldBe(["4242"]);
    }

    private static async Task InScopeAsync(ScoringTestContext context, Func<IEmployeeAdministration, Task> change)
    {
        await using var scope = context.Host.CreateScope();
        await change(scope.ServiceProvider.GetRequiredService<IEmployeeAdministration>());
    }

    private static async Task<T> InScopeAsync<T>(ScoringTestContext context, Func<IEmployeeAdministration, Task<T>> change)
    {
        await using var scope = context.Host.CreateScope();
        return await change(scope.ServiceProvider.GetRequiredService<IEmployeeAdministration>());
    }

    private static Task<int> AuditCountAsync(ScoringTestContext context) => context.QueryAsync(db => db.AuditEntries.CountAsync());

    private static async Task<ClaimsPrincipal> AdminAsync(ScoringTestContext context)
    {
        await using var scope = context.Host.CreateScope();
        var admin = (await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(TestHost.AdminEmail))!;
        return TestPrincipals.WithRoles(TestHost.AdminEmail, admin.Id, Roles.Admin);
    }

    private static async Task<ClaimsPrincipal> UserAsync(ScoringTestContext context, string email, string role)
    {
        await using var scope = context.Host.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
        (await users.CreateAsync(user, "a-long-test-password")).Succeeded.ShouldBeTrue();
        (await users.AddToRoleAsync(user, role)).Succeeded.ShouldBeTrue();
        // The caller also claims Admin: the service must trust the user store, not the cookie's claims.
        return TestPrincipals.WithRoles(email, user.Id, role, Roles.Admin);
    }

    private static Task<int> AddUnverifiedEmailAsync(ScoringTestContext context, int employeeId, string email) =>
        context.QueryAsync(async db =>
        {
            var mapping = new EmployeeEmail { EmployeeId = employeeId, Email = email, IsVerified = false, Source = MappingSources.Manual };
            db.EmployeeEmails.Add(mapping);
            await db.SaveChangesAsync();
            return mapping.Id;
        });

    private static Task AddUnattributedRowsAsync(ScoringTestContext context, IEnumerable<ScoringWindow> windows) =>
        context.QueryAsync(async db =>
        {
            db.PendingMappings.Add(new PendingMapping { Email = PodFactoryEmail, PodFactoryName = "Ben Picker", Status = PendingMappingStatus.Pending });
            db.Activities.AddRange(windows.Select(w => new ActivityRecord
            {
                PodFactoryId = 500 + w.Id,
                Email = PodFactoryEmail,
                UserName = "Ben Picker",
                Action = w.Action,
                ItemsCount = w.Items,
                WindowStartUtc = w.StartUtc,
                WindowEndUtc = w.EndUtc,
            }));
            return await db.SaveChangesAsync();
        });
}
