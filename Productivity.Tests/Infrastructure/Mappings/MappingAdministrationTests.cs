using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Infrastructure.Security;
using Productivity.Core.Auditing;
using Productivity.Core.Employees;
using Productivity.Core.Scoring;
using Productivity.Core.Security;
using Productivity.Core.Sync;
using Productivity.Infrastructure.Mappings;
using Productivity.Infrastructure.Scoring;
using Productivity.Infrastructure.Sync;
using Productivity.Tests.TestSupport;
using static Productivity.Tests.TestSupport.AdminTestData;

namespace Productivity.Tests.Infrastructure.Mappings;

/// <summary>Admin → Pending mappings on both real providers: approval credits the rows and rescored days, bulk approval, refusal.</summary>
public sealed class MappingAdministrationTests
{
    public static TheoryData<string> Providers => new() { "Sqlite", "MySql" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Approve_PendingEmail_CreditsItsRowsAndTheEmployeesDayGainsTheItems(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var jose = await EmployeeAsync(host, "Jose Gonzalez");
        await PendingAsync(host, "jgonzales@podfactory.test", "Jose Gonzales", windows: 6, itemsPerWindow: 7);
        await host.Services.GetRequiredService<ScoreRecalculationService>().RecalculateAsync([new EmployeeDay(jose, Day)]);
        (await ScoreOfAsync(host, jose)).Items.ShouldBe(0);
        await using var scope = host.CreateScope();
        var mappings = scope.ServiceProvider.GetRequiredService<IMappingAdministration>();

        var approval = await mappings.ApproveAsync(await AdminAsync(scope.ServiceProvider), "jgonzales@podfactory.test", jose);

        approval.RowsAttributed.ShouldBe(6);
        approval.EmployeeName.ShouldBe("Jose Gonzalez");
        approval.DaysRecomputed.ShouldBe(1);
        var score = await ScoreOfAsync(host, jose);
        score.Items.ShouldBe(42);
        score.Points.ShouldBe(63);
        var pending = await QueryAsync(host, db => db.PendingMappings.SingleAsync());
        pending.Status.ShouldBe(PendingMappingStatus.Approved);
        (await QueryAsync(host, db => db.Activities.CountAsync(a => a.EmployeeId == jose))).ShouldBe(6);
        var audit = await QueryAsync(host, db => db.AuditEntries.SingleAsync());
        audit.Kind.ShouldBe(AuditKinds.Mapping);
        audit.OldValue.ShouldBe("Pending");
        audit.NewValue.ShouldBe($"employee {jose} (Jose Gonzalez)");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Pending_RanksSuggestionsByNameSimilarityBestFirst(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var kathryn = await EmployeeAsync(host, "Kathryn Nguyen");
        var emily = await EmployeeAsync(host, "Emily Nguyen");
        await EmployeeAsync(host, "Marcus Johnson");
        await PendingAsync(host, "katie.nguyen@podfactory.test", "Katie Nguyen", windows: 3);
        await using var scope = host.CreateScope();

        var pending = await scope.ServiceProvider.GetRequiredService<IMappingAdministration>().PendingAsync(await AdminAsync(scope.ServiceProvider));

        var view = pending.ShouldHaveSingleItem();
        view.UnattributedRows.ShouldBe(3);
        view.Suggestions.Select(s => (s.EmployeeId, s.Rank)).ShouldBe([(kathryn, "likely"), (emily, "likely")]);
        view.Suggestions[0].Score.ShouldBeGreaterThan(view.Suggestions[1].Score);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ApproveExactNameMatches_ApprovesOnlyNamesEqualToExactlyOneEmployee(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var ana = await EmployeeAsync(host, "Ana Lopez");
        await EmployeeAsync(host, "Jose Gonzalez");
        await EmployeeAsync(host, "Sam Lee");
        await EmployeeAsync(host, "Sam Lee", clockedIn: false);
        await PendingAsync(host, "ana@podfactory.test", "  ANA lopez ", windows: 2, itemsPerWindow: 4);
        await PendingAsync(host, "jgonzales@podfactory.test", "Jose Gonzales", windows: 2);
        await PendingAsync(host, "sam@podfactory.test", "Sam Lee", windows: 2);
        await PendingAsync(host, "station7@podfactory.test", null, windows: 2);
        await using var scope = host.CreateScope();

        var approvals = await scope.ServiceProvider.GetRequiredService<IMappingAdministration>()
            .ApproveExactNameMatchesAsync(await AdminAsync(scope.ServiceProvider));

        approvals.Select(a => (a.Email, a.EmployeeId)).ShouldBe([("ana@podfactory.test", ana)]);
        var statuses = await QueryAsync(host, db => db.PendingMappings.OrderBy(p => p.Email).Select(p => new { p.Email, p.Status }).ToListAsync());
        statuses.Where(s => s.Status == PendingMappingStatus.Pending).Select(s => s.Email)
            .ShouldBe(["jgonzales@podfactory.test", "sam@podfactory.test", "station7@podfactory.test"]);
        (await ScoreOfAsync(host, ana)).Items.ShouldBe(8);
        (await QueryAsync(host, db => db.AuditEntries.CountAsync())).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Approve_UnknownEmployee_IsRefusedAndNothingChanges(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await PendingAsync(host, "jgonzales@podfactory.test", "Jose Gonzales", windows: 2);
        await using var scope = host.CreateScope();
        var mappings = scope.ServiceProvider.GetRequiredService<IMappingAdministration>();
        var admin = await AdminAsync(scope.ServiceProvider);

        var refused = await Should.ThrowAsync<AdminActionRefusedException>(() => mappings.ApproveAsync(admin, "jgonzales@podfactory.test", 4242));

        refused.Reason.ShouldBe(AdminRefusal.EmployeeNotFound);
        refused.Details.ShouldBe(["4242"]);
        (await QueryAsync(host, db => db.PendingMappings.SingleAsync())).Status.ShouldBe(PendingMappingStatus.Pending);
        (await QueryAsync(host, db => db.AuditEntries.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task NonAdmin_IsRefusedOnTheServerAndNothingChanges(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var jose = await EmployeeAsync(host, "Jose Gonzalez");
        await PendingAsync(host, "jgonzales@podfactory.test", "Jose Gonzales", windows: 2);
        await using var scope = host.CreateScope();
        var mappings = scope.ServiceProvider.GetRequiredService<IMappingAdministration>();
        var manager = await UserAsync(scope.ServiceProvider, Roles.Manager);
        var lead = await UserAsync(scope.ServiceProvider, Roles.Lead);

        await Should.ThrowAsync<UnauthorizedAccessException>(() => mappings.PendingAsync(lead));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => mappings.ApproveAsync(manager, "jgonzales@podfactory.test", jose));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => mappings.RejectAsync(manager, "jgonzales@podfactory.test"));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => mappings.ApproveExactNameMatchesAsync(lead));
        await Should.ThrowAsync<UnauthorizedAccessException>(() =>
            mappings.ImportCsvAsync(manager, new MemoryStream("jgonzales@podfactory.test,1\n"u8.ToArray())));
        await Should.ThrowAsync<UnauthorizedAccessException>(() =>
            mappings.ApproveAsync(new System.Security.Claims.ClaimsPrincipal(), "jgonzales@podfactory.test", jose));

        (await QueryAsync(host, db => db.PendingMappings.SingleAsync())).Status.ShouldBe(PendingMappingStatus.Pending);
        (await QueryAsync(host, db => db.Activities.CountAsync(a => a.EmployeeId != null))).ShouldBe(0);
        (await QueryAsync(host, db => db.AuditEntries.CountAsync())).ShouldBe(0);
        (await QueryAsync(host, db => db.SyncRuns.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ImportCsv_HalfAMillionBadLines_KeepsTheFirst200CountsThemAllAndAppliesTheGoodOnes(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var ana = await EmployeeAsync(host, "Ana Lopez", clockedIn: false);
        await SetConnecteamUserIdAsync(host, ana, 9100001);
        // About 2 MB, the page's limit: a good line, 500,000 lines of one column, and a good line at the very end.
        var csv = new StringBuilder("email,connecteam_user_id\nana.l@podfactory.test,9100001\n");
        csv.Insert(csv.Length, "bad\n", 500_000).Append("ana.lopez@podfactory.test,9100001\n");
        await using var scope = host.CreateScope();
        var mappings = scope.ServiceProvider.GetRequiredService<IMappingAdministration>();

        var import = await mappings.ImportCsvAsync(await AdminAsync(scope.ServiceProvider), new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())));

        import.Error.ShouldBeNull();
        import.LinesRead.ShouldBe(500_002);
        import.Applied.ShouldBe(2);
        import.RejectedCount.ShouldBe(500_000);
        import.Rejected.Count.ShouldBe(SyncOutcome.MaxRejectedKept);
        import.Rejected.Select(r => r.Key).ShouldBe(Enumerable.Range(3, 200).Select(n => $"line {n}"));
        import.Rejected[0].Reason.ShouldBe("expected two columns: email,connecteam_user_id");
        (await QueryAsync(host, db => db.EmployeeEmails.Where(m => m.EmployeeId == ana && m.IsVerified).Select(m => m.Email).OrderBy(e => e).ToListAsync()))
            .ShouldBe(["ana.l@podfactory.test", "ana.lopez@podfactory.test"]);
        var run = await QueryAsync(host, db => db.SyncRuns.SingleAsync(r => r.Id == import.RunId));
        run.Rejected.ShouldBe(500_000);
        run.Details!.Length.ShouldBeLessThan(32 * 1024);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ImportCsv_LineWithOne2MbValue_IsRejectedAndKeptCutShort(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var ana = await EmployeeAsync(host, "Ana Lopez", clockedIn: false);
        await SetConnecteamUserIdAsync(host, ana, 9100001);
        var value = new string('a', 2 * 1024 * 1024) + "@podfactory.test";
        await using var scope = host.CreateScope();
        var mappings = scope.ServiceProvider.GetRequiredService<IMappingAdministration>();

        var import = await mappings.ImportCsvAsync(await AdminAsync(scope.ServiceProvider), new MemoryStream(Encoding.UTF8.GetBytes($"{value},9100001\n")));

        import.Error.ShouldBeNull();
        import.Applied.ShouldBe(0);
        var rejected = import.Rejected.ShouldHaveSingleItem();
        rejected.Reason.Length.ShouldBe(SyncOutcome.MaxRejectedText);
        rejected.Reason.ShouldStartWith("not an e-mail: 'aaaa");
        rejected.Reason.ShouldEndWith("a…");
        (await QueryAsync(host, db => db.EmployeeEmails.CountAsync())).ShouldBe(0);
        var run = await QueryAsync(host, db => db.SyncRuns.SingleAsync(r => r.Id == import.RunId));
        run.Details!.Length.ShouldBeLessThan(1024);
        SyncAdministration.ParseDetails(run).Rejected.ShouldBe([rejected]);
    }

    private static Task<DailyScore> ScoreOfAsync(TestHost host, int employeeId) =>
        QueryAsync(host, db => db.DailyScores.SingleAsync(s => s.EmployeeId == employeeId && s.BusinessDay == Day));
}
