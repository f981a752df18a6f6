using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Alerts;
using Productivity.Core.Auditing;
using Productivity.Infrastructure.Alerts;
using Productivity.Infrastructure.Security;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Infrastructure.Alerts;

public sealed class AlertRuleAdministrationTests
{
    [Fact]
    public async Task Rules_AreSeededOnePerKind_AndAnAdminsEditIsStoredAndAudited()
    {
        await using var host = await TestHost.StartAsync("Sqlite");
        var rules = host.Services.GetRequiredService<IAlertRuleAdministration>();
        var admin = await TestPrincipals.AdminAsync(host.Services);

        var seeded = await rules.RulesAsync(admin);
        seeded.Select(r => r.Kind).ShouldBe(Enum.GetValues<AlertKind>());
        seeded.Single(r => r.Kind == AlertKind.IdleNow).RolesTold.ShouldBe(["Admin", "Manager", "Lead"]);

        var edit = AlertRuleDefaults.For(AlertKind.IdleNow);
        edit.Threshold = 4;
        edit.SecondThreshold = 40;
        edit.NotifyRoles = "Lead,Admin";
        edit.QuietFrom = new TimeOnly(22, 0, 30);
        edit.QuietUntil = new TimeOnly(6, 0);
        var saved = await rules.SaveAsync(admin, edit);
        (saved.Threshold, saved.SecondThreshold, saved.NotifyRoles, saved.QuietFrom).ShouldBe((4, 40, "Admin,Lead", (TimeOnly?)new TimeOnly(22, 0)));

        // Saving the same settings again writes nothing.
        await rules.SaveAsync(admin, edit);
        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Productivity.Infrastructure.Persistence.ProductivityDbContext>();
        var entry = (await db.AuditEntries.Where(a => a.Kind == AuditKinds.AlertRule).ToListAsync()).ShouldHaveSingleItem();
        (entry.TargetId, entry.ActorName, entry.Action).ShouldBe(("IdleNow", TestHost.AdminEmail, "Updated"));
        entry.OldValue.ShouldBe("enabled=True; threshold=3; second=30; roles=Admin,Manager,Lead; quiet=---");
        entry.NewValue.ShouldBe("enabled=True; threshold=4; second=40; roles=Admin,Lead; quiet=22:00-06:00");
        (await db.AlertRules.SingleAsync(r => r.Kind == AlertKind.IdleNow)).Threshold.ShouldBe(4);
    }

    [Fact]
    public async Task BadSettings_AreRefusedWithTheirProblems_AndNothingIsStored()
    {
        await using var host = await TestHost.StartAsync("Sqlite");
        var rules = host.Services.GetRequiredService<IAlertRuleAdministration>();
        var admin = await TestPrincipals.AdminAsync(host.Services);

        var edit = AlertRuleDefaults.For(AlertKind.SyncFailing);
        edit.Threshold = 2.5;
        edit.QuietUntil = new TimeOnly(6, 0);
        var refused = await Should.ThrowAsync<AdminActionRefusedException>(() => rules.SaveAsync(admin, edit));
        refused.Reason.ShouldBe(AdminRefusal.AlertRuleInvalid);
        refused.Details.ShouldBe([nameof(AlertRuleProblem.ThresholdOutOfRange), nameof(AlertRuleProblem.QuietHoursIncomplete)]);

        edit = AlertRuleDefaults.For(AlertKind.SyncFailing);
        edit.NotifyRoles = "Admin,Owner";
        (await Should.ThrowAsync<AdminActionRefusedException>(() => rules.SaveAsync(admin, edit))).Reason.ShouldBe(AdminRefusal.UnknownRole);

        (await rules.RulesAsync(admin)).Single(r => r.Kind == AlertKind.SyncFailing).Threshold.ShouldBe(3);
    }

    [Fact]
    public async Task ALead_MayNeitherReadNorEditTheRules()
    {
        await using var host = await TestHost.StartAsync("Sqlite");
        var rules = host.Services.GetRequiredService<IAlertRuleAdministration>();
        var lead = await TestPrincipals.LeadAsync(host.Services);

        await Should.ThrowAsync<AccessDeniedException>(() => rules.RulesAsync(lead));
        await Should.ThrowAsync<AccessDeniedException>(() => rules.SaveAsync(lead, AlertRuleDefaults.For(AlertKind.IdleNow)));
    }
}
