using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Integrations;
using Productivity.Core.Sync;
using Productivity.Infrastructure.Mappings;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Sync;
using Productivity.Tests.Infrastructure.Sync;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Infrastructure.BadInput;

/// <summary>
/// One focused test per defect the bad-input generators found (README "Ingestion", decision record 0028), on MariaDB
/// where the defect was MariaDB's (column sizes under strict mode, accent-insensitive collations).
/// </summary>
public sealed class BadInputRegressionTests
{
    private static readonly DateOnly Dec10 = new(2025, 12, 10);

    [Fact]
    public async Task PodFactoryRow_UnmappedEmailWithANameOver200Characters_IsStoredAndQueuedWithTheNameCut()
    {
        await using var sync = await SyncTestContext.StartAsync("MySql");
        sync.PodFactory.Add(1, "long.name@podfactory.test", "Picking", 5, SyncTestContext.Local(8), name: new string('n', 300));

        var run = await sync.Pipeline.SyncPodFactoryAsync("test");

        run.Failure.ShouldBeNull();
        run.Run.Added.ShouldBe(1);
        var pending = await sync.QueryAsync(db => db.PendingMappings.SingleAsync());
        pending.PodFactoryName.ShouldBe(new string('n', 200));
    }

    [Fact]
    public async Task PodFactoryRows_EmailsDifferingOnlyInAccentsOrDotlessI_AreDistinctPeople()
    {
        await using var sync = await SyncTestContext.StartAsync("MySql");
        var jose = await sync.Host.AddEmployeeAsync("jose");
        string[] emails = ["jose@example.test", "josé@example.test", "i@x.test", "ı@x.test", "strasse@x.test", "straße@x.test"];
        for (var i = 0; i < emails.Length; i++)
        {
            sync.PodFactory.Add(i + 1, emails[i], "Picking", 5, SyncTestContext.Local(8, i));
        }

        var run = await sync.Pipeline.SyncPodFactoryAsync("test");

        run.Failure.ShouldBeNull();
        run.Run.Added.ShouldBe(emails.Length);
        // Only the exact e-mail of the employee is credited to him; each other one waits for a mapping of its own.
        var credited = await sync.QueryAsync(db => db.Activities.Where(a => a.EmployeeId == jose).Select(a => a.Email).ToListAsync());
        credited.ShouldBe(["jose@example.test"]);
        (await sync.QueryAsync(db => db.PendingMappings.Select(p => p.Email).ToListAsync()))
            .ShouldBe(emails.Skip(1), ignoreOrder: true);
    }

    [Fact]
    public async Task PodFactoryRows_HugeCountsForOneDay_AreRejectedAndTheDayIsScored()
    {
        await using var sync = await SyncTestContext.StartAsync("MySql");
        await sync.Host.AddEmployeeAsync("ana");
        sync.PodFactory.Add(1, "ana@example.test", "Picking", int.MaxValue, SyncTestContext.Local(8));
        sync.PodFactory.Add(2, "ana@example.test", "Picking", int.MaxValue, SyncTestContext.Local(8, 10));
        sync.PodFactory.Add(3, "ana@example.test", "Picking", IncomingRows.MaxItemsCount, SyncTestContext.Local(8, 20));

        var run = await sync.Pipeline.SyncPodFactoryAsync("test");

        // Before, the two stored counts overflowed the day's total and the recompute failed the run.
        run.Failure.ShouldBeNull();
        (run.Run.Added, run.Run.Rejected).ShouldBe((1, 2));
        run.Outcome.Rejected.ShouldAllBe(r => r.Reason.Contains("is over 100000"));
        (await sync.QueryAsync(db => db.DailyScores.SingleAsync())).Items.ShouldBe(IncomingRows.MaxItemsCount);
    }

    [Fact]
    public async Task PodFactoryRows_ActionsDifferingOnlyInCase_AreScoredAsTwoActions()
    {
        await using var sync = await SyncTestContext.StartAsync("MySql");
        await sync.Host.AddEmployeeAsync("ana");
        sync.PodFactory.Add(1, "ana@example.test", "Picking", 30, SyncTestContext.Local(8));
        sync.PodFactory.Add(2, "ana@example.test", "picking", 20, SyncTestContext.Local(8, 10));

        var run = await sync.Pipeline.SyncPodFactoryAsync("test");

        // Before, both landed on one key of daily_action_totals and the recompute failed the run.
        run.Failure.ShouldBeNull();
        (await sync.QueryAsync(db => db.DailyActionTotals.Select(t => t.Action + " " + t.Items).ToListAsync()))
            .ShouldBe(["Picking 30", "picking 20"], ignoreOrder: true);
    }

    [Fact]
    public async Task PodFactoryRow_WindowInTheYear9999_IsRejectedAndTheRunSucceeds()
    {
        await using var sync = await SyncTestContext.StartAsync("MySql");
        await sync.Host.AddEmployeeAsync("ana");
        var late = new DateTime(9999, 12, 31, 23, 0, 0, DateTimeKind.Utc);
        sync.PodFactory.Rows.Add(new PodFactoryRow(1, "ana@example.test", null, null, "Picking", 5, late, late.AddMinutes(10),
            SyncTestContext.Local(8)));
        sync.PodFactory.Add(2, "ana@example.test", "Picking", 5, SyncTestContext.Local(8));

        var run = await sync.Pipeline.SyncPodFactoryAsync("test");

        // Before, the recompute computed days past DateOnly.MaxValue and failed the run.
        run.Failure.ShouldBeNull();
        (run.Run.Added, run.Run.Rejected).ShouldBe((1, 1));
        run.Outcome.Rejected.Single().Reason.ShouldContain("in the future");
    }

    [Fact]
    public void PodFactoryRow_EmailPaddedPastTheLimitButFittingOnceTrimmed_IsValid()
    {
        var email = "  " + new string('a', IncomingRows.MaxEmailLength - 7) + "@x.test  ";
        var row = new PodFactoryRow(1, email, null, null, "Picking", 1, new DateTime(2025, 12, 10, 14, 0, 0, DateTimeKind.Utc),
            new DateTime(2025, 12, 10, 14, 10, 0, DateTimeKind.Utc), new DateTime(2025, 12, 10, 14, 11, 0, DateTimeKind.Utc));

        IncomingRows.Check(row).ShouldBeNull();
        IncomingRows.Check(row with { UserEmail = email.Trim() + "a" }).ShouldBe(RowRejection.EmailTooLong);
    }

    [Fact]
    public async Task MappingImport_EmailLongerThanTheAuditIdColumn_IsApprovedAndAudited()
    {
        await using var host = await TestHost.StartAsync("MySql");
        await AddConnecteamEmployeeAsync(host, 501);
        var email = new string('a', 120) + "@podfactory.test";

        var import = await ImportMappingsAsync(host, $"{email},501");

        import.Error.ShouldBeNull();
        import.Applied.ShouldBe(1);
        var audit = await QueryAsync(host, db => db.AuditEntries.SingleAsync());
        audit.TargetName.ShouldBe(email);
    }

    [Fact]
    public async Task MappingImport_SameFileTwice_SecondChangesNothing()
    {
        await using var host = await TestHost.StartAsync("MySql");
        await AddConnecteamEmployeeAsync(host, 501);
        const string file = "email,connecteam_user_id\r\nana@podfactory.test,501\r\nANA@podfactory.test ,501";

        var first = await ImportMappingsAsync(host, file);
        var mapping = await QueryAsync(host, db => db.EmployeeEmails.AsNoTracking().SingleAsync());
        var second = await ImportMappingsAsync(host, file);

        first.Applied.ShouldBe(1);
        second.Applied.ShouldBe(0);
        (first.RejectedCount, second.RejectedCount).ShouldBe((0, 0));
        (await QueryAsync(host, db => db.EmployeeEmails.AsNoTracking().SingleAsync())).VerifiedUtc.ShouldBe(mapping.VerifiedUtc);
        (await QueryAsync(host, db => db.AuditEntries.CountAsync())).ShouldBe(1);
    }

    [Fact]
    public async Task EmployeeSync_UnreadableUsersAndOversizedValues_AreReportedAndTheRestStored()
    {
        await using var connecteam = await FakeConnecteamServer.StartAsync();
        await using var host = await ConnecteamHostAsync(connecteam);
        var longEmail = new string('e', 300) + "@x.test";
        connecteam.ServeRawBody("/users/v1/users", $$$"""
            {"requestId":"r","data":{"users":[
              {"userId":1,"firstName":"{{{new string('n', 150)}}}","lastName":"{{{new string('l', 150)}}}","email":"{{{longEmail}}}"},
              {"firstName":"No","lastName":"Id"},
              {"userId":3,"firstName":42},
              "not a user",
              {"userId":5,"firstName":"Ana","lastName":"Lopez","email":"ana@example.test","userType":"superhero"}]}}
            """);

        var run = await host.Services.GetRequiredService<SyncPipeline>().SyncEmployeesAsync("test");

        run.Failure.ShouldBeNull();
        run.Run.Added.ShouldBe(2);
        // Three unreadable users and the e-mail too long to store, each with a reason.
        run.Run.Rejected.ShouldBe(4);
        run.Outcome.Rejected.Select(r => r.Key).ShouldBe(["users[1]", "users[2]", "users[3]", "user 1"], ignoreOrder: true);
        var first = await QueryAsync(host, db => db.Employees.SingleAsync(e => e.ConnecteamUserId == 1));
        first.Name.Length.ShouldBe(200);
        first.Email.ShouldBeNull();
    }

    [Fact]
    public async Task ShiftSync_IdsLongerThanTheirColumns_AreRejectedAndTheOtherShiftsStored()
    {
        await using var connecteam = await FakeConnecteamServer.StartAsync();
        connecteam.AddClock(12345, "Warehouse");
        connecteam.AddUser(1, "Ana", "Lopez", "ana@example.test");
        await using var host = await ConnecteamHostAsync(connecteam);
        var pipeline = host.Services.GetRequiredService<SyncPipeline>();
        (await pipeline.SyncEmployeesAsync("test")).Failure.ShouldBeNull();
        var start = new DateTimeOffset(2025, 12, 10, 14, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        connecteam.ServeRawBody("/time-clock/v1/time-clocks/12345/time-activities", $$$"""
            {"requestId":"r","data":{"timeActivitiesByUsers":[{"userId":1,
              "shifts":[{"id":"{{{new string('a', 65)}}}","start":{"timestamp":{{{start}}}},"end":{"timestamp":{{{start + 3600}}}}},
                        {"id":"659413a0c1e2f3a4b5c6d7e8","start":{"timestamp":{{{start + 7200}}}},"end":{"timestamp":{{{start + 10800}}}}}],
              "manualBreaks":[{"id":"659413a0c1e2f3a4b5c6d7e9","manualBreakId":"{{{new string('b', 65)}}}",
                        "start":{"timestamp":{{{start + 3600}}}},"end":{"timestamp":{{{start + 7200}}}}}],
              "timeOffs":[]}]}}
            """);

        var run = await pipeline.SyncShiftsAsync("test", Dec10, Dec10);

        run.Failure.ShouldBeNull();
        run.Run.Added.ShouldBe(1);
        run.Run.Rejected.ShouldBe(2);
        run.Outcome.Rejected.ShouldAllBe(r => r.Reason.Contains("longer than 64 characters"));
        (await QueryAsync(host, db => db.Shifts.Select(s => s.ConnecteamShiftId).ToListAsync())).ShouldBe(["659413a0c1e2f3a4b5c6d7e8"]);
    }

    [Fact]
    public async Task ShiftSync_UserEntryWithoutItsShiftsList_IsReportedAndKeepsTheStoredShifts()
    {
        await using var connecteam = await FakeConnecteamServer.StartAsync();
        connecteam.AddClock(12345, "Warehouse");
        connecteam.AddUser(1, "Ana", "Lopez", "ana@example.test");
        connecteam.AddShift(12345, 1, "659413a0c1e2f3a4b5c6d7e8", new DateTime(2025, 12, 10, 14, 0, 0, DateTimeKind.Utc),
            new DateTime(2025, 12, 10, 22, 0, 0, DateTimeKind.Utc));
        await using var host = await ConnecteamHostAsync(connecteam);
        var pipeline = host.Services.GetRequiredService<SyncPipeline>();
        (await pipeline.SyncShiftsAsync("test", Dec10, Dec10)).Run.Added.ShouldBe(1);
        connecteam.ServeRawBody("/time-clock/v1/time-clocks/12345/time-activities",
            """{"requestId":"r","data":{"timeActivitiesByUsers":[{"userId":1,"manualBreaks":[],"timeOffs":[]}]}}""");

        var run = await pipeline.SyncShiftsAsync("test", Dec10, Dec10);

        run.Failure.ShouldBeNull();
        run.Run.Rejected.ShouldBe(1);
        run.Outcome.Rejected.Single().Reason.ShouldContain("no shifts list");
        run.Run.Removed.ShouldBe(0);
        (await QueryAsync(host, db => db.Shifts.CountAsync())).ShouldBe(1);
    }

    private static async Task<TestHost> ConnecteamHostAsync(FakeConnecteamServer connecteam) =>
        await TestHost.StartAsync("MySql", new Dictionary<string, string?>
        {
            ["Connecteam:ApiKey"] = connecteam.ApiKey,
            ["Connecteam:BaseUrl"] = connecteam.BaseUrl,
        });

    private static async Task AddConnecteamEmployeeAsync(TestHost host, long connecteamUserId)
    {
        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
        db.Employees.Add(new Productivity.Core.Employees.Employee { Name = $"Person {connecteamUserId}", ConnecteamUserId = connecteamUserId });
        await db.SaveChangesAsync();
    }

    private static async Task<CsvImport> ImportMappingsAsync(TestHost host, string file)
    {
        var admin = await TestPrincipals.AdminAsync(host.Services);
        return await host.Services.GetRequiredService<IMappingAdministration>()
            .ImportCsvAsync(admin, new MemoryStream(Encoding.UTF8.GetBytes(file)));
    }

    private static async Task<T> QueryAsync<T>(TestHost host, Func<ProductivityDbContext, Task<T>> query)
    {
        await using var scope = host.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<ProductivityDbContext>());
    }
}
