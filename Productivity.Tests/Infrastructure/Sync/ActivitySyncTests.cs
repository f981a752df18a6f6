using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Auditing;
using Productivity.Core.Employees;
using Productivity.Core.Sync;
using Productivity.Infrastructure.Mappings;
using Productivity.Infrastructure.Sync;
using Productivity.Tests.TestSupport;
using static Productivity.Tests.Infrastructure.Sync.SyncTestContext;

namespace Productivity.Tests.Infrastructure.Sync;

public sealed class ActivitySyncTests
{
    private static readonly DateOnly Dec10 = new(2025, 12, 10);
    private static readonly DateOnly Dec9 = new(2025, 12, 9);

    public static TheoryData<string> Providers => new() { "Sqlite", "MySql" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Incremental_ThreeRuns_LeaveIdenticalRowsAndChangeOnlyOnce(string provider)
    {
        await using var context = await StartWithFloorAsync(provider);
        AddMorning(context);

        var first = await context.Pipeline.SyncPodFactoryAsync("test");
        var rows = await context.ActivityRowsAsync();
        var second = await context.Pipeline.SyncPodFactoryAsync("test");
        var third = await context.Pipeline.SyncPodFactoryAsync("test");

        var ana = (await context.EmployeeIdsAsync())[101];
        first.Run.Added.ShouldBe(6);
        first.Outcome.ChangedDays.ShouldBe([new EmployeeDay(ana, Dec10)]);
        rows.Count.ShouldBe(6);
        (await context.ActivityRowsAsync()).ShouldBe(rows);
        second.Outcome.ChangedDays.ShouldBeEmpty();
        third.Run.Added.ShouldBe(0);
        third.Run.Updated.ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Incremental_TwoRunsAtOnce_LeaveTheSameRows(string provider)
    {
        await using var context = await StartWithFloorAsync(provider);
        AddMorning(context);

        var runs = await Task.WhenAll(context.Pipeline.SyncPodFactoryAsync("test"), context.Pipeline.SyncPodFactoryAsync("test"));
        var rows = await context.ActivityRowsAsync();
        await context.Pipeline.SyncPodFactoryAsync("test");

        runs.Select(r => r.Failure?.ToString()).ShouldAllBe(f => f == null);
        rows.Count.ShouldBe(6);
        (await context.ActivityRowsAsync()).ShouldBe(rows);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Days_ChangedRowAtSource_UpdatesOursInPlace(string provider)
    {
        await using var context = await StartWithFloorAsync(provider);
        AddMorning(context);
        await context.Pipeline.SyncPodFactoryAsync("test");
        var before = await context.ActivityRowsAsync();

        context.PodFactory.Replace(3, r => r with { ItemsCount = 99 });
        var run = await context.Pipeline.SyncPodFactoryDaysAsync("test", Dec10, Dec10);

        var after = await context.ActivityRowsAsync();
        run.Run.Updated.ShouldBe(1);
        after.Count.ShouldBe(before.Count);
        after.Single(r => r.Contains("|3|", StringComparison.Ordinal)).ShouldContain("|99|");
        after.Select(r => r.Split('|')[0]).ShouldBe(before.Select(r => r.Split('|')[0]));
        run.Outcome.ChangedDays.Count.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Incremental_BadRows_AreRejectedWithReasonsAndTheRestStored(string provider)
    {
        await using var context = await StartWithFloorAsync(provider);
        AddMorning(context);
        context.PodFactory.Rows.Add(new(100, "ana@example.test", null, null, "Picking", -5, Local(9, 0), Local(9, 10), Local(9, 11)));
        context.PodFactory.Rows.Add(new(101, "ana@example.test", null, null, "Picking", 5, Local(9, 10), Local(9, 10), Local(9, 11)));
        context.PodFactory.Rows.Add(new(102, null, "Nobody", null, "Picking", 5, Local(9, 10), Local(9, 20), Local(9, 21)));
        context.PodFactory.Rows.Add(new(103, "ana@example.test", null, null, null, 5, Local(9, 10), Local(9, 20), Local(9, 21)));

        var run = await context.Pipeline.SyncPodFactoryAsync("test");

        run.Run.Rejected.ShouldBe(4);
        run.Run.Added.ShouldBe(6);
        run.Outcome.Rejected.Select(r => r.Reason).ShouldBe(
            ["negative items_count -5", "window_end 2025-12-10 15:10:00Z is not after window_start 2025-12-10 15:10:00Z",
             "missing or invalid user_email", "missing action"], ignoreOrder: true);
        (await context.QueryAsync(db => db.SyncRuns.SingleAsync(r => r.Id == run.Run.Id))).Details!.ShouldContain("negative items_count -5");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Incremental_UnknownEmail_IsStoredUnattributedAndQueuedNeverGuessedFromTheName(string provider)
    {
        await using var context = await StartWithFloorAsync(provider);
        context.PodFactory.Add(1, "alopez.shipping@example.test", "QC Passed", 8, Local(7, 0), name: "Ana Lopez");

        var run = await context.Pipeline.SyncPodFactoryAsync("test");

        (await context.QueryAsync(db => db.Activities.SingleAsync())).EmployeeId.ShouldBeNull();
        var pending = await context.QueryAsync(db => db.PendingMappings.SingleAsync());
        pending.Email.ShouldBe("alopez.shipping@example.test");
        pending.PodFactoryName.ShouldBe("Ana Lopez");
        pending.Status.ShouldBe(PendingMappingStatus.Pending);
        run.Outcome.ChangedDays.ShouldBeEmpty();
        run.Outcome.Warnings.ShouldContain(w => w.Contains("unmapped", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Incremental_EmailOfExactlyOneEmployee_IsVerifiedAutomatically(string provider)
    {
        await using var context = await StartWithFloorAsync(provider);
        context.PodFactory.Add(1, "Ana@Example.test", "QC Passed", 8, Local(7, 0));

        await context.Pipeline.SyncPodFactoryAsync("test");

        var ana = (await context.EmployeeIdsAsync())[101];
        (await context.QueryAsync(db => db.Activities.SingleAsync())).EmployeeId.ShouldBe(ana);
        var mapping = await context.QueryAsync(db => db.EmployeeEmails.SingleAsync());
        mapping.IsVerified.ShouldBeTrue();
        mapping.Source.ShouldBe(MappingSources.ConnecteamEmail);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Approve_PendingEmail_AttributesStoredRowsAndAuditsOnce(string provider)
    {
        await using var context = await StartWithFloorAsync(provider);
        context.PodFactory.Add(1, "anaship@example.test", "QC Passed", 8, Local(7, 0));
        context.PodFactory.Add(2, "anaship@example.test", "QC Passed", 8, Local(7, 10));
        await context.Pipeline.SyncPodFactoryAsync("test");
        var ana = (await context.EmployeeIdsAsync())[101];

        IReadOnlyCollection<EmployeeDay> changed;
        await using (var scope = context.Host.CreateScope())
        {
            changed = await MappingAdministration.ApproveMappingAsync(scope.ServiceProvider, Admin(), "anaship@example.test", ana);
        }
        await context.Pipeline.SyncPodFactoryDaysAsync("test", Dec10, Dec10);

        changed.ShouldBe([new EmployeeDay(ana, Dec10)]);
        (await context.QueryAsync(db => db.Activities.CountAsync(a => a.EmployeeId == ana))).ShouldBe(2);
        (await context.QueryAsync(db => db.PendingMappings.SingleAsync())).Status.ShouldBe(PendingMappingStatus.Approved);
        var audit = await context.QueryAsync(db => db.AuditEntries.ToListAsync());
        audit.Single().Kind.ShouldBe(AuditKinds.Mapping);
        audit.Single().Action.ShouldBe("Approved");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ImportCsv_AppliesGoodLinesAndReportsBadOnes(string provider)
    {
        await using var context = await StartWithFloorAsync(provider);
        context.PodFactory.Add(1, "benpick@example.test", "Picking", 30, Local(7, 0));
        await context.Pipeline.SyncPodFactoryAsync("test");
        var csv = "email,connecteam_user_id\nbenpick@example.test,102\nnot-an-email,101\nx@example.test,555\nbroken line\n";

        var run = await context.Host.Services.GetRequiredService<MappingAdministration>().ImportCsvAsync("test", Admin(), new StringReader(csv));

        var ben = (await context.EmployeeIdsAsync())[102];
        run.Run.Added.ShouldBe(1);
        run.Outcome.Rejected.Select(r => r.Key).ShouldBe(["line 3", "line 4", "line 5"]);
        run.Outcome.ChangedDays.ShouldBe([new EmployeeDay(ben, Dec10)]);
        (await context.QueryAsync(db => db.Activities.SingleAsync())).EmployeeId.ShouldBe(ben);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Incremental_UnknownAction_IsKeptAndReported(string provider)
    {
        await using var context = await StartWithFloorAsync(provider);
        context.PodFactory.Add(1, "ana@example.test", "Gift Wrapping", 4, Local(7, 0));

        var run = await context.Pipeline.SyncPodFactoryAsync("test");

        run.Run.Added.ShouldBe(1);
        run.Outcome.Warnings.ShouldContain("Unknown action 'Gift Wrapping': 1 rows kept with no role (0 points).");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Incremental_LateCommittedRow_IsPickedUpByTheOverlap(string provider)
    {
        await using var context = await StartWithFloorAsync(provider);
        AddMorning(context);
        await context.Pipeline.SyncPodFactoryAsync("test");

        // Committed late: its created_at is 10 minutes before the newest row already read, inside the 30-minute overlap.
        context.PodFactory.Add(50, "ana@example.test", "In Production", 7, Local(7, 30), createdUtc: Local(7, 51) );
        var run = await context.Pipeline.SyncPodFactoryAsync("test");

        run.Run.Added.ShouldBe(1);
        (await context.ActivityRowsAsync()).Count.ShouldBe(7);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Incremental_WindowAfterMidnightOfANightShift_ChangesTheShiftsDay(string provider)
    {
        await using var context = await StartWithFloorAsync(provider);
        context.Connecteam.AddShift("s-night", 102, Local(22, 0, days: -1), Local(6, 0));
        await context.Pipeline.SyncShiftsAsync("test", Dec9, Dec10);
        context.PodFactory.Add(1, "ben@example.test", "Labeling", 50, Local(1, 0));
        context.PodFactory.Add(2, "ben@example.test", "Labeling", 50, Local(9, 0));

        var run = await context.Pipeline.SyncPodFactoryAsync("test");

        var ben = (await context.EmployeeIdsAsync())[102];
        run.Outcome.ChangedDays.ShouldBe([new EmployeeDay(ben, Dec9), new EmployeeDay(ben, Dec10)], ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Incremental_WindowAfterTheStoredCapOfAnOpenShift_ChangesItsOwnDay(string provider)
    {
        await using var context = await StartWithFloorAsync(provider);
        await context.QueryAsync(db => StoredScoringSettings.SetOpenShiftCapAsync(db, 10));
        // Clocked in at 20:00 the evening before and never out: with a 10-hour cap the session ended at 06:00.
        context.Connecteam.AddShift("s-forgotten", 102, Local(20, 0, days: -1), null);
        await context.Pipeline.SyncShiftsAsync("test", Dec9, Dec10);
        context.PodFactory.Add(1, "ben@example.test", "Labeling", 50, Local(8, 0));

        var run = await context.Pipeline.SyncPodFactoryAsync("test");

        var ben = (await context.EmployeeIdsAsync())[102];
        run.Outcome.ChangedDays.ShouldBe([new EmployeeDay(ben, Dec10)]);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Incremental_MoreRowsThanOneBatch_StoresAndUpdatesEveryRowExactly(string provider)
    {
        await using var context = await StartWithFloorAsync(provider);
        const int count = ActivitySyncService.BatchSize + 1234;
        for (var id = 1; id <= count; id++)
        {
            context.PodFactory.Add(id, id % 2 == 0 ? "ana@example.test" : "ben@example.test", id % 3 == 0 ? "Picking" : "Labeling", id % 40,
                Local(0).AddSeconds(7 * id));
        }

        var first = await context.Pipeline.SyncPodFactoryAsync("test");
        var stored = await context.ActivityRowsAsync();
        for (var id = 10; id <= 6000; id += 10)
        {
            context.PodFactory.Replace(id, r => r with { ItemsCount = r.ItemsCount + 1 });
        }
        var second = await context.Pipeline.SyncPodFactoryDaysAsync("test", Dec10, Dec10);

        var ids = await context.EmployeeIdsAsync();
        var expected = context.PodFactory.Rows.OrderBy(r => r.Id).Select(r =>
            $"{r.Id}|{ids[r.UserEmail!.StartsWith("ana", StringComparison.Ordinal) ? 101 : 102]}|{r.UserEmail}|{r.Action}|{r.ItemsCount}|{r.WindowStartUtc:O}|{r.WindowEndUtc:O}");
        first.Run.Added.ShouldBe(count);
        stored.Count.ShouldBe(count);
        second.Run.Added.ShouldBe(0);
        second.Run.Updated.ShouldBe(600);
        (await context.ActivityRowsAsync()).Select(r => r[(r.IndexOf('|', StringComparison.Ordinal) + 1)..]).ShouldBe(expected);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ScheduledPoll_FindingNothingNew_WritesNoRunButStampsLastPolled(string provider)
    {
        await using var context = await StartWithFloorAsync(provider);
        AddMorning(context);
        var first = await context.Pipeline.SyncPodFactoryAsync(SyncTriggers.Schedule);
        context.Time.Advance(TimeSpan.FromSeconds(10));

        var idle = await context.Pipeline.SyncPodFactoryAsync(SyncTriggers.Schedule);

        first.Recorded.ShouldBeTrue();
        first.Run.Added.ShouldBe(6);
        // The overlap (30 min before the cursor) re-read the last four rows, all stored already: nothing new, so no run.
        idle.Outcome.ItemsRead.ShouldBe(4);
        idle.Recorded.ShouldBeFalse();
        (await context.QueryAsync(db => db.SyncRuns.CountAsync(r => r.Job == SyncJobs.PodFactory))).ShouldBe(1);
        var poll = await context.QueryAsync(db => db.SyncPolls.AsNoTracking().SingleAsync(p => p.Job == SyncJobs.PodFactory));
        poll.PolledUtc.ShouldBe(context.Time.GetUtcNow().UtcDateTime);
        poll.Polls.ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ScheduledPoll_NewRowOrLateCommit_WritesItsRun(string provider)
    {
        await using var context = await StartWithFloorAsync(provider);
        AddMorning(context);
        await context.Pipeline.SyncPodFactoryAsync(SyncTriggers.Schedule);
        await context.Pipeline.SyncPodFactoryAsync(SyncTriggers.Schedule);

        context.PodFactory.Add(7, "ana@example.test", "In Production", 9, Local(8, 0));
        var newRow = await context.Pipeline.SyncPodFactoryAsync(SyncTriggers.Schedule);
        // Behind the cursor, inside the overlap: committed after a later row had been read.
        context.PodFactory.Add(8, "ana@example.test", "In Production", 4, Local(7, 55), createdUtc: Local(8, 5));
        var lateCommit = await context.Pipeline.SyncPodFactoryAsync(SyncTriggers.Schedule);

        newRow.Recorded.ShouldBeTrue();
        newRow.Run.Added.ShouldBe(1);
        lateCommit.Recorded.ShouldBeTrue();
        lateCommit.Run.Added.ShouldBe(1);
        var runs = await context.QueryAsync(db => db.SyncRuns.AsNoTracking().Where(r => r.Job == SyncJobs.PodFactory).OrderBy(r => r.Id).ToListAsync());
        runs.Select(r => (r.Added, r.Status, r.Trigger)).ShouldBe(
            [(6, SyncRunStatus.Succeeded, SyncTriggers.Schedule), (1, SyncRunStatus.Succeeded, SyncTriggers.Schedule), (1, SyncRunStatus.Succeeded, SyncTriggers.Schedule)]);
        (await context.QueryAsync(db => db.SyncPolls.SingleAsync())).Polls.ShouldBe(4);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ScheduledPoll_SourceDown_WritesAFailedRunAndKeepsTheLastSuccessfulPoll(string provider)
    {
        await using var context = await StartWithFloorAsync(provider);
        await context.Pipeline.SyncPodFactoryAsync(SyncTriggers.Schedule);
        var polled = context.Time.GetUtcNow().UtcDateTime;
        context.Time.Advance(TimeSpan.FromSeconds(10));
        context.PodFactory.Failure = new InvalidOperationException("PodFactory database unreachable");

        var failed = await context.Pipeline.SyncPodFactoryAsync(SyncTriggers.Schedule);

        failed.Recorded.ShouldBeTrue();
        var run = await context.QueryAsync(db => db.SyncRuns.AsNoTracking().SingleAsync(r => r.Job == SyncJobs.PodFactory));
        run.Status.ShouldBe(SyncRunStatus.Failed);
        run.Error.ShouldBe("PodFactory database unreachable");
        run.FinishedUtc.ShouldBe(context.Time.GetUtcNow().UtcDateTime);
        var poll = await context.QueryAsync(db => db.SyncPolls.AsNoTracking().SingleAsync());
        (poll.PolledUtc, poll.Polls).ShouldBe((polled, 1L));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ManualPoll_FindingNothing_IsRecordedForWhoeverAskedForIt(string provider)
    {
        await using var context = await StartWithFloorAsync(provider);

        var manual = await context.Pipeline.SyncPodFactoryAsync(SyncTriggers.Manual);

        manual.Recorded.ShouldBeTrue();
        (await context.QueryAsync(db => db.SyncRuns.SingleAsync(r => r.Job == SyncJobs.PodFactory))).Status.ShouldBe(SyncRunStatus.Succeeded);
        (await context.QueryAsync(db => db.SyncPolls.SingleAsync())).Polls.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Incremental_RowsStoredByARunThatDiedBeforeRescoring_TheNextPollScoresTheirDays(string provider)
    {
        await using var context = await StartWithFloorAsync(provider);
        AddMorning(context);
        await context.Pipeline.SyncPodFactoryAsync("test");
        var scored = await context.QueryAsync(db => db.DailyScores.AsNoTracking().Select(s => s.Items).SingleAsync());
        // What a run killed (or whose database was killed) between storing its batches and rescoring leaves behind:
        // the rows stored and the cursor past them, but no score and no attributed day.
        await context.QueryAsync(async db =>
        {
            await db.DailyScores.ExecuteDeleteAsync();
            return await db.Activities.ExecuteUpdateAsync(set => set.SetProperty(a => a.BusinessDay, (DateOnly?)null).SetProperty(a => a.SessionId, (long?)null));
        });

        var next = await context.Pipeline.SyncPodFactoryAsync(SyncTriggers.Schedule);
        var after = await context.Pipeline.SyncPodFactoryAsync(SyncTriggers.Schedule);

        var ana = (await context.EmployeeIdsAsync())[101];
        next.Run.Added.ShouldBe(0);
        next.Outcome.ChangedDays.ShouldBe([new EmployeeDay(ana, Dec10)]);
        next.Recorded.ShouldBeTrue();
        (await context.QueryAsync(db => db.DailyScores.AsNoTracking().Select(s => s.Items).SingleAsync())).ShouldBe(scored);
        (await context.QueryAsync(db => db.Activities.CountAsync(a => a.BusinessDay == null))).ShouldBe(0);
        // Repaired once: the poll after it owes nothing and records nothing.
        after.Outcome.ChangedDays.ShouldBeEmpty();
        after.Recorded.ShouldBeFalse();
    }

    private static void AddMorning(SyncTestContext context)
    {
        for (var i = 0; i < 6; i++)
        {
            context.PodFactory.Add(i + 1, "ana@example.test", "In Production", 7, Local(7, 10 * i));
        }
    }

    private static ClaimsPrincipal Admin() =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin@example.test"), new Claim(ClaimTypes.NameIdentifier, "admin")], "test"));

    private static async Task<SyncTestContext> StartWithFloorAsync(string provider)
    {
        var context = await StartAsync(provider);
        context.Connecteam.AddUser(101, "Ana", "Lopez", "ana@example.test");
        context.Connecteam.AddUser(102, "Ben", "Ng", "ben@example.test");
        await context.Pipeline.SyncEmployeesAsync("test");
        return context;
    }
}
