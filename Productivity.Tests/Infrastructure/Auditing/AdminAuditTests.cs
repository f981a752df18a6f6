using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Auditing;
using Productivity.Core.Scoring;
using Productivity.Core.Security;
using Productivity.Infrastructure.Auditing;
using Productivity.Infrastructure.Exceptions;
using Productivity.Infrastructure.Mappings;
using Productivity.Infrastructure.Scoring;
using Productivity.Infrastructure.Sync;
using Productivity.Tests.TestSupport;
using static Productivity.Tests.TestSupport.AdminTestData;

namespace Productivity.Tests.Infrastructure.Auditing;

/// <summary>Every change made through the admin screens writes exactly one audit entry; reads, runs and recomputes write none.</summary>
public sealed class AdminAuditTests
{
    public static TheoryData<string> Providers => new() { "Sqlite", "MySql" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task EveryAdminChange_WritesExactlyOneAuditEntry(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var jose = await EmployeeAsync(host, "Jose Gonzalez");
        var ana = await EmployeeAsync(host, "Ana Lopez");
        await SetConnecteamUserIdAsync(host, ana, 9100001);
        await EmployeeAsync(host, "Mei Chen");
        await PendingAsync(host, "jgonzales@podfactory.test", "Jose Gonzales", windows: 2);
        await PendingAsync(host, "station7@podfactory.test", null, windows: 1);
        await PendingAsync(host, "mei.chen@podfactory.test", "Mei Chen", windows: 1);
        await using var scope = host.CreateScope();
        var services = scope.ServiceProvider;
        var admin = await AdminAsync(services);
        var mappings = services.GetRequiredService<IMappingAdministration>();
        var rules = services.GetRequiredService<IScoringRulesService>();

        await mappings.PendingAsync(admin);
        await mappings.ApproveAsync(admin, "jgonzales@podfactory.test", jose);
        await mappings.RejectAsync(admin, "station7@podfactory.test");
        var import = await mappings.ImportCsvAsync(admin, new MemoryStream(
            "email,connecteam_user_id\nana.l@podfactory.test,9100001\nnobody@podfactory.test,123\n"u8.ToArray()));
        await mappings.ApproveExactNameMatchesAsync(admin);
        await WaitAsync(await rules.SaveRoleAsync(admin, new RoleDefinition("Picking", "Picker", "Picking", RoleKind.Batch, 210, null, 0.29)));
        await WaitAsync(await rules.SaveParametersAsync(admin, ScoringParameters.Default with { StartAllowanceMinutes = 20 }));
        await WaitAsync(await services.GetRequiredService<IRangeRecompute>().StartAsync(admin, Day, Day));
        await services.GetRequiredService<ISyncAdministration>().RunNowAsync(admin, "OpenShiftScoringJob");
        await services.GetRequiredService<IAuditQueries>().SearchAsync(admin, new AuditQuery(null, null, null, null, 0, 10));

        import.Applied.ShouldBe(1);
        import.Rejected.ShouldHaveSingleItem().Reason.ShouldBe("no employee has Connecteam user id 123");
        var entries = await QueryAsync(host, db => db.AuditEntries.OrderBy(a => a.Id).ToListAsync());
        entries.Select(e => (e.Kind, e.TargetId, e.Action)).ShouldBe(
        [
            (AuditKinds.Mapping, "jgonzales@podfactory.test", "Approved"),
            (AuditKinds.Mapping, "station7@podfactory.test", "Rejected"),
            (AuditKinds.Mapping, "ana.l@podfactory.test", "Approved"),
            (AuditKinds.Mapping, "mei.chen@podfactory.test", "Approved"),
            (AuditKinds.Role, "Picking", "Updated"),
            (AuditKinds.Role, "parameters", "Updated"),
        ]);
        entries.ShouldAllBe(e => e.ActorName == TestHost.AdminEmail);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task NonAdmin_IsRefusedByEveryAdminService_AndManagersMayReadExceptions(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await using var scope = host.CreateScope();
        var services = scope.ServiceProvider;
        var manager = await UserAsync(services, Roles.Manager);
        var lead = await UserAsync(services, Roles.Lead);
        var rules = services.GetRequiredService<IScoringRulesService>();
        var sync = services.GetRequiredService<ISyncAdministration>();
        var recompute = services.GetRequiredService<IRangeRecompute>();
        var exceptions = services.GetRequiredService<IExceptionQueries>();
        var role = new RoleDefinition("Picking", "Picker", "Picking", RoleKind.Batch, 1, null, 9);

        await Should.ThrowAsync<UnauthorizedAccessException>(() => rules.RolesAsync(manager));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => rules.SaveRoleAsync(manager, role));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => rules.SaveParametersAsync(lead, ScoringParameters.Default));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => recompute.StartAsync(manager, Day, Day));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => sync.JobsAsync(manager));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => sync.RunNowAsync(manager, "ShiftSyncJob"));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => sync.HistoryAsync(lead, new SyncRunQuery(null, 0, 10)));
        await Should.ThrowAsync<UnauthorizedAccessException>(() =>
            services.GetRequiredService<IAuditQueries>().SearchAsync(manager, new AuditQuery(null, null, null, null, 0, 10)));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => exceptions.SearchAsync(lead, new ExceptionQuery(null, null, null, 0, 10)));
        var visible = await exceptions.SearchAsync(manager, new ExceptionQuery(null, null, null, 0, 10));

        visible.TotalCount.ShouldBe(0);
        (await QueryAsync(host, db => db.ActionRoles.SingleAsync(r => r.Action == "Picking"))).ExpectedPerHour.ShouldBe(200);
        (await QueryAsync(host, db => db.AuditEntries.CountAsync())).ShouldBe(0);
        (await QueryAsync(host, db => db.SyncRuns.CountAsync())).ShouldBe(0);
        services.GetRequiredService<RangeRecompute>().Tasks.ShouldBeEmpty();
    }

    private static async Task WaitAsync(RecomputeTask task)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (task.IsRunning && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        task.Status.ShouldBe(RecomputeStatus.Succeeded);
    }
}
