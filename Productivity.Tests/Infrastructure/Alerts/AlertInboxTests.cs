using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Productivity.Core.Alerts;
using Productivity.Core.Realtime;
using Productivity.Core.Security;
using Productivity.Infrastructure.Alerts;
using Productivity.Infrastructure.Identity;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Security;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Infrastructure.Alerts;

/// <summary>
/// Who sees which alert, decided on every call from the database: the roles a rule tells AND the page the alert links to.
/// Each test keeps one scope open the way a circuit keeps its services, and changes users and rules through another.
/// </summary>
public sealed class AlertInboxTests
{
    private static readonly DateOnly Day = new(2025, 12, 10);

    private static DateTime At(int hourUtc, int minute = 0) => Day.ToDateTime(new TimeOnly(hourUtc, minute), DateTimeKind.Utc);

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task Open_RulesTellEveryRole_EachRoleSeesOnlyAlertsAboutPagesItMayOpen(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var ann = await host.AddEmployeeAsync("ann");
        var ids = await AlertsAsync(host,
            Person(AlertKind.IdleNow, ann, At(14)),
            Person(AlertKind.UnclockedProduction, ann, At(15)),
            Feed(AlertKind.StaleFeed, "podfactory", At(16)),
            Feed(AlertKind.SyncFailing, "ShiftSyncJob", At(17)),
            Feed(AlertKind.UnmappedEmail, "stranger@example.test", At(18)));
        // An Admin told every role of every rule, Leads included.
        await TellAsync(host, Roles.All.ToArray());
        var admin = await TestPrincipals.AdminAsync(host.Services);
        var manager = await UserAsync(host, "manager@example.test", Roles.Manager);
        var lead = await UserAsync(host, "lead@example.test", Roles.Lead);
        await using var scope = host.CreateScope();
        var inbox = scope.ServiceProvider.GetRequiredService<IAlertInbox>();

        var ofAdmin = await inbox.OpenAsync(admin, 10);
        var ofManager = await inbox.OpenAsync(manager, 10);
        var ofLead = await inbox.OpenAsync(lead, 10);

        ofAdmin.Items.Select(a => a.Kind).ShouldBe([AlertKind.UnmappedEmail, AlertKind.SyncFailing, AlertKind.StaleFeed,
            AlertKind.UnclockedProduction, AlertKind.IdleNow]);
        ofAdmin.Items.Select(a => a.Target).ShouldBe([AlertTarget.Mappings, AlertTarget.Sync, AlertTarget.Sync,
            AlertTarget.EmployeeDay, AlertTarget.EmployeeDay]);
        ofManager.Items.Select(a => a.Kind).ShouldBe([AlertKind.UnclockedProduction, AlertKind.IdleNow]);
        ofLead.Items.Select(a => a.Kind).ShouldBe([AlertKind.UnclockedProduction, AlertKind.IdleNow]);
        ofLead.Items[1].EmployeeName.ShouldBe("ann");
        (ofLead.OpenCount, ofLead.UnacknowledgedCount).ShouldBe((2, 2));
        (await inbox.HistoryAsync(lead, new AlertHistoryQuery())).TotalCount.ShouldBe(2);
        // Not even by id: the Lead cannot acknowledge the Sync alert they were "told" about.
        var refused = await Should.ThrowAsync<AccessDeniedException>(() => inbox.AcknowledgeAsync(lead, ids[3]));
        refused.Reason.ShouldBe(AccessDenial.RoleRequired);
        (await inbox.OpenAsync(admin, 10)).UnacknowledgedCount.ShouldBe(5);
    }

    [Fact]
    public async Task Open_DefaultRules_FollowTheRolesEachRuleTells()
    {
        await using var host = await TestHost.StartAsync("Sqlite");
        var ann = await host.AddEmployeeAsync("ann");
        await AlertsAsync(host, Person(AlertKind.IdleNow, ann, At(14)), Person(AlertKind.UnclockedProduction, ann, At(15)),
            Feed(AlertKind.SyncFailing, "ShiftSyncJob", At(16)));
        var manager = await UserAsync(host, "manager@example.test", Roles.Manager);
        var lead = await UserAsync(host, "lead@example.test", Roles.Lead);
        await using var scope = host.CreateScope();
        var inbox = scope.ServiceProvider.GetRequiredService<IAlertInbox>();

        (await inbox.OpenAsync(lead, 10)).Items.Select(a => a.Kind).ShouldBe([AlertKind.IdleNow]);
        (await inbox.OpenAsync(manager, 10)).Items.Select(a => a.Kind).ShouldBe([AlertKind.UnclockedProduction, AlertKind.IdleNow]);
        (await inbox.OpenAsync(TestPrincipals.NoRole, 10)).ShouldBe(OpenAlerts.None);
    }

    [Fact]
    public async Task Open_RoleRemovedRuleChangedAccountDisabled_EachEndsVisibilityAtTheNextCall()
    {
        await using var host = await TestHost.StartAsync("Sqlite");
        var ann = await host.AddEmployeeAsync("ann");
        var ids = await AlertsAsync(host, Person(AlertKind.IdleNow, ann, At(14)), Person(AlertKind.LowPerformance, ann, At(15)));
        var lead = await UserAsync(host, "lead@example.test", Roles.Lead, Roles.Manager);
        await using var circuit = host.CreateScope();
        var inbox = circuit.ServiceProvider.GetRequiredService<IAlertInbox>();
        (await inbox.OpenAsync(lead, 10)).OpenCount.ShouldBe(2);

        // The rule for low performance stops telling Leads and Managers: the idle alert is still theirs.
        await TellAsync(host, [Roles.Admin], AlertKind.LowPerformance);
        (await inbox.OpenAsync(lead, 10)).Items.Select(a => a.Id).ShouldBe([ids[0]]);

        // The user loses the Manager role, keeps Lead: still told of idle people.
        await ChangeUserAsync(host, lead, (users, user) => users.RemoveFromRoleAsync(user, Roles.Manager));
        (await inbox.OpenAsync(lead, 10)).OpenCount.ShouldBe(1);

        // ... and then Lead too: nothing, though the principal the circuit holds still says Lead and Manager.
        await ChangeUserAsync(host, lead, (users, user) => users.RemoveFromRoleAsync(user, Roles.Lead));
        (await inbox.OpenAsync(lead, 10)).ShouldBe(OpenAlerts.None);
        await Should.ThrowAsync<AccessDeniedException>(() => inbox.AcknowledgeAsync(lead, ids[0]));
        (await inbox.HistoryAsync(lead, new AlertHistoryQuery())).TotalCount.ShouldBe(0);

        // Given the role back but disabled: nothing, and the history is refused.
        await ChangeUserAsync(host, lead, (users, user) => users.AddToRoleAsync(user, Roles.Lead));
        (await inbox.OpenAsync(lead, 10)).OpenCount.ShouldBe(1);
        await ChangeUserAsync(host, lead, (users, user) =>
        {
            user.IsDisabled = true;
            return users.UpdateAsync(user);
        });
        (await inbox.OpenAsync(lead, 10)).ShouldBe(OpenAlerts.None);
        await Should.ThrowAsync<AccessDeniedException>(() => inbox.HistoryAsync(lead, new AlertHistoryQuery()));
        await Should.ThrowAsync<AccessDeniedException>(() => inbox.AcknowledgeAsync(lead, ids[0]));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task Acknowledge_TwiceAndAtOnce_RecordsTheFirstOnlyAndPublishesOnce(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(At(20)));
        await using var host = await TestHost.StartAsync(provider, configureServices: s => s.AddSingleton<TimeProvider>(clock));
        var ann = await host.AddEmployeeAsync("ann");
        var ids = await AlertsAsync(host, Person(AlertKind.IdleNow, ann, At(14)), Person(AlertKind.ForgottenClockOut, ann, At(15)));
        var lead = await UserAsync(host, "lead@example.test", Roles.Lead);
        var manager = await UserAsync(host, "manager@example.test", Roles.Manager);
        var changes = new List<AlertsChanged>();
        using var listening = host.Services.GetRequiredService<IAlertFeed>().Subscribe(change =>
        {
            lock (changes)
            {
                changes.Add(change);
            }
            return Task.CompletedTask;
        });
        await using var scope = host.CreateScope();
        var inbox = scope.ServiceProvider.GetRequiredService<IAlertInbox>();

        var first = await inbox.AcknowledgeAsync(lead, ids[0]);
        clock.SetUtcNow(new DateTimeOffset(At(21)));
        var second = await inbox.AcknowledgeAsync(manager, ids[0]);
        // Two people pressing at the same moment: exactly one acknowledgement.
        var together = await Task.WhenAll(inbox.AcknowledgeAsync(lead, ids[1]), inbox.AcknowledgeAsync(manager, ids[1]));

        first.Outcome.ShouldBe(AcknowledgeOutcome.Acknowledged);
        first.Alert!.AcknowledgedByName.ShouldBe("lead@example.test");
        first.Alert.AcknowledgedUtc.ShouldBe(At(20));
        second.Outcome.ShouldBe(AcknowledgeOutcome.AlreadyAcknowledged);
        second.Alert!.AcknowledgedByName.ShouldBe("lead@example.test");
        second.Alert.AcknowledgedUtc.ShouldBe(At(20));
        together.Select(r => r.Outcome).Order().ShouldBe([AcknowledgeOutcome.Acknowledged, AcknowledgeOutcome.AlreadyAcknowledged]);
        together.Select(r => r.Alert!.AcknowledgedByName).Distinct().ShouldHaveSingleItem();
        (await inbox.AcknowledgeAsync(lead, 987654)).Outcome.ShouldBe(AcknowledgeOutcome.NotFound);
        lock (changes)
        {
            changes.SelectMany(c => c.Acknowledged).ShouldBe([ids[0], ids[1]], ignoreOrder: true);
        }
        await using var check = host.CreateScope();
        var stored = await check.ServiceProvider.GetRequiredService<ProductivityDbContext>().Alerts.SingleAsync(a => a.Id == ids[0]);
        (stored.AcknowledgedById, stored.AcknowledgedUtc).ShouldBe((Id(lead), At(20)));
        stored.ClosedUtc.ShouldBeNull("acknowledging is not closing: the alert stays open while its condition holds");
        var open = await inbox.OpenAsync(lead, 10);
        (open.OpenCount, open.UnacknowledgedCount).ShouldBe((2, 0));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task History_FiltersByKindStateEmployeeAndSiteLocalDays_PagesNewestFirst(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var ann = await host.AddEmployeeAsync("ann");
        var bob = await host.AddEmployeeAsync("bob");
        var seeded = new List<Alert>();
        // 24 alerts over two site days (America/Chicago, UTC-6): every hour from 08:00 UTC on Dec 10 to 07:00 UTC on Dec 11.
        for (var i = 0; i < 24; i++)
        {
            var opened = At(8).AddHours(i);
            var alert = i % 3 == 2
                ? Feed(AlertKind.SyncFailing, $"Job{i}", opened)
                : Person(i % 3 == 0 ? AlertKind.IdleNow : AlertKind.ForgottenClockOut, i % 2 == 0 ? ann : bob, opened);
            if (i % 4 == 0)
            {
                alert.ClosedUtc = opened.AddMinutes(30);
                alert.OpenKey = null;
            }
            if (i % 5 == 0)
            {
                alert.AcknowledgedUtc = opened.AddMinutes(5);
                alert.AcknowledgedById = "someone";
                alert.AcknowledgedByName = "someone@example.test";
            }
            seeded.Add(alert);
        }
        await AlertsAsync(host, [.. seeded]);
        var admin = await TestPrincipals.AdminAsync(host.Services);
        var lead = await UserAsync(host, "lead@example.test", Roles.Lead);
        await using var scope = host.CreateScope();
        var inbox = scope.ServiceProvider.GetRequiredService<IAlertInbox>();

        async Task<List<int>> Hours(ClaimsPrincipal who, AlertHistoryQuery query) =>
            (await inbox.HistoryAsync(who, query)).Items.Select(a => (int)(a.OpenedUtc - At(8)).TotalHours).ToList();

        (await inbox.HistoryAsync(admin, new AlertHistoryQuery())).TotalCount.ShouldBe(24);
        (await Hours(admin, new AlertHistoryQuery(PageSize: 5))).ShouldBe([23, 22, 21, 20, 19]);
        (await Hours(admin, new AlertHistoryQuery(Page: 4, PageSize: 5))).ShouldBe([3, 2, 1, 0]);
        (await Hours(admin, new AlertHistoryQuery(Kind: AlertKind.IdleNow, PageSize: 50))).ShouldBe([21, 18, 15, 12, 9, 6, 3, 0]);
        (await Hours(admin, new AlertHistoryQuery(State: AlertStateFilter.Closed, PageSize: 50))).ShouldBe([20, 16, 12, 8, 4, 0]);
        (await inbox.HistoryAsync(admin, new AlertHistoryQuery(State: AlertStateFilter.Open))).TotalCount.ShouldBe(18);
        (await Hours(admin, new AlertHistoryQuery(State: AlertStateFilter.Acknowledged, PageSize: 50))).ShouldBe([20, 15, 10, 5, 0]);
        (await inbox.HistoryAsync(admin, new AlertHistoryQuery(State: AlertStateFilter.NotAcknowledged))).TotalCount.ShouldBe(19);
        (await Hours(admin, new AlertHistoryQuery(EmployeeId: ann, Kind: AlertKind.IdleNow, PageSize: 50))).ShouldBe([18, 12, 6, 0]);
        // Dec 10 in Chicago is 06:00 UTC Dec 10 to 06:00 UTC Dec 11: hours 0..21 here; Dec 11 holds 22 and 23.
        (await inbox.HistoryAsync(admin, new AlertHistoryQuery(From: Day, To: Day))).TotalCount.ShouldBe(22);
        (await Hours(admin, new AlertHistoryQuery(From: Day.AddDays(1)))).ShouldBe([23, 22]);
        (await Hours(admin, new AlertHistoryQuery(To: Day, State: AlertStateFilter.Open, Kind: AlertKind.SyncFailing, PageSize: 50)))
            .ShouldBe([17, 14, 11, 5, 2]);
        // The Lead's history never holds the sync alerts, whatever the filter asks.
        (await inbox.HistoryAsync(lead, new AlertHistoryQuery())).TotalCount.ShouldBe(16);
        (await inbox.HistoryAsync(lead, new AlertHistoryQuery(Kind: AlertKind.SyncFailing))).TotalCount.ShouldBe(0);
        await Should.ThrowAsync<ArgumentException>(() => inbox.HistoryAsync(admin, new AlertHistoryQuery(From: Day.AddDays(1), To: Day)));
        await Should.ThrowAsync<ArgumentException>(() => inbox.HistoryAsync(admin, new AlertHistoryQuery(Kind: (AlertKind)99)));
    }

    internal static Alert Person(AlertKind kind, int employeeId, DateTime openedUtc)
    {
        var subject = AlertSubjects.EmployeeDay(employeeId, DateOnly.FromDateTime(openedUtc)) + ":" + openedUtc.Ticks;
        return new Alert
        {
            Kind = kind, SubjectKey = subject, OpenKey = AlertSubjects.OpenKey(kind, subject), EmployeeId = employeeId,
            BusinessDay = DateOnly.FromDateTime(openedUtc), Measure = 45, Limit = 30, SinceUtc = openedUtc.AddMinutes(-45),
            OpenedUtc = openedUtc, LastHeldUtc = openedUtc,
        };
    }

    internal static Alert Feed(AlertKind kind, string reference, DateTime openedUtc)
    {
        var subject = AlertSubjects.Job(reference) + ":" + openedUtc.Ticks;
        return new Alert
        {
            Kind = kind, SubjectKey = subject, OpenKey = AlertSubjects.OpenKey(kind, subject), Reference = reference, Measure = 3, Limit = 3,
            Count = 3, OpenedUtc = openedUtc, LastHeldUtc = openedUtc,
        };
    }

    private static async Task<List<long>> AlertsAsync(TestHost host, params Alert[] alerts)
    {
        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
        db.Alerts.AddRange(alerts);
        await db.SaveChangesAsync();
        return alerts.Select(a => a.Id).ToList();
    }

    /// <summary>Sets the roles told of <paramref name="kinds"/> (every kind when none is named).</summary>
    private static async Task TellAsync(TestHost host, string[] roles, params AlertKind[] kinds)
    {
        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
        var told = AlertRoles.Format(roles);
        var selected = kinds.Length == 0 ? Enum.GetValues<AlertKind>() : kinds;
        foreach (var rule in await db.AlertRules.ToListAsync())
        {
            if (selected.Contains(rule.Kind))
            {
                rule.NotifyRoles = told;
            }
        }
        await db.SaveChangesAsync();
    }

    private static async Task<ClaimsPrincipal> UserAsync(TestHost host, string email, params string[] roles)
    {
        var user = await TestUsers.CreateAsync(host.Services, email, "a-long-enough-password", roles);
        return TestPrincipals.WithRoles(email, user.Id, roles);
    }

    private static async Task ChangeUserAsync(TestHost host, ClaimsPrincipal who, Func<UserManager<ApplicationUser>, ApplicationUser, Task<IdentityResult>> change)
    {
        await using var scope = host.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(Id(who));
        (await change(users, user!)).Succeeded.ShouldBeTrue();
    }

    private static string Id(ClaimsPrincipal who) => who.FindFirstValue(ClaimTypes.NameIdentifier)!;
}
