using Microsoft.EntityFrameworkCore;
using Productivity.Core.Sync;
using Productivity.Infrastructure.Sync;
using static Productivity.Tests.Infrastructure.Sync.SyncTestContext;

namespace Productivity.Tests.Infrastructure.Sync;

public sealed class ShiftSyncTests
{
    private static readonly DateOnly Dec10 = new(2025, 12, 10);
    private static readonly DateOnly Dec9 = new(2025, 12, 9);

    public static TheoryData<string> Providers => new() { "Sqlite", "MySql" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Sync_ThreeTimes_LeavesIdenticalRowsAndOnlyTheFirstRunChangesDays(string provider)
    {
        await using var context = await StartWithFloorAsync(provider);

        var first = await context.Pipeline.SyncShiftsAsync("test", Dec9, Dec10);
        var rows = await context.ShiftRowsAsync();
        var second = await context.Pipeline.SyncShiftsAsync("test", Dec9, Dec10);
        var third = await context.Pipeline.SyncShiftsAsync("test", Dec9, Dec10);

        var ids = await context.EmployeeIdsAsync();
        first.Outcome.ChangedDays.ShouldBe([new EmployeeDay(ids[101], Dec10), new EmployeeDay(ids[102], Dec10), new EmployeeDay(ids[102], Dec9)],
            ignoreOrder: true);
        first.Run.Added.ShouldBe(4);
        rows.Count.ShouldBe(5); // four shifts and Ana's break
        (await context.ShiftRowsAsync()).ShouldBe(rows);
        second.Outcome.ChangedDays.ShouldBeEmpty();
        third.Outcome.ChangedDays.ShouldBeEmpty();
        third.Outcome.Unchanged.ShouldBe(4);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Sync_TwoRunsAtOnce_LeaveTheSameRowsAsOne(string provider)
    {
        await using var context = await StartWithFloorAsync(provider);

        var runs = await Task.WhenAll(
            context.Pipeline.SyncShiftsAsync("test", Dec9, Dec10),
            context.Pipeline.SyncShiftsAsync("test", Dec9, Dec10));
        var rows = await context.ShiftRowsAsync();
        await context.Pipeline.SyncShiftsAsync("test", Dec9, Dec10);

        runs.ShouldAllBe(r => r.Succeeded);
        rows.Count.ShouldBe(5); // four shifts and Ana's break
        (await context.ShiftRowsAsync()).ShouldBe(rows);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Sync_EditedClockIn_UpdatesTheSameRowAndNamesOldAndNewDay(string provider)
    {
        await using var context = await StartWithFloorAsync(provider);
        await context.Pipeline.SyncShiftsAsync("test", Dec9, Dec10);
        var before = await context.QueryAsync(db => db.Shifts.SingleAsync(s => s.ConnecteamShiftId == "s-ana"));

        context.Connecteam.ReplaceShift("s-ana", Local(6, 45), Local(15, 30));
        var run = await context.Pipeline.SyncShiftsAsync("test", Dec9, Dec10);

        var after = await context.QueryAsync(db => db.Shifts.SingleAsync(s => s.ConnecteamShiftId == "s-ana"));
        after.Id.ShouldBe(before.Id);
        after.ClockInUtc.ShouldBe(Local(6, 45));
        (await context.QueryAsync(db => db.Shifts.CountAsync())).ShouldBe(4);
        run.Run.Updated.ShouldBe(1);
        run.Outcome.ChangedDays.ShouldBe([new EmployeeDay(before.EmployeeId, Dec10)]);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Sync_ShiftGoneFromConnecteam_IsRemovedWithItsBreaks(string provider)
    {
        await using var context = await StartWithFloorAsync(provider);
        await context.Pipeline.SyncShiftsAsync("test", Dec9, Dec10);

        context.Connecteam.Shifts.RemoveAll(s => s.Id == "s-ana");
        var run = await context.Pipeline.SyncShiftsAsync("test", Dec9, Dec10);

        var ids = await context.EmployeeIdsAsync();
        run.Run.Removed.ShouldBe(1);
        run.Outcome.ChangedDays.ShouldBe([new EmployeeDay(ids[101], Dec10)]);
        run.Outcome.Days[Dec10].Removed.ShouldBe(1);
        run.Outcome.RemovedShifts.ShouldBe([new RemovedShift(1, "s-ana", ids[101], Dec10)]);
        (await context.QueryAsync(db => db.Shifts.AnyAsync(s => s.ConnecteamShiftId == "s-ana"))).ShouldBeFalse();
        // The break is an item of its own in Connecteam, still listed there: it stays.
        (await context.QueryAsync(db => db.ManualBreaks.CountAsync())).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Sync_UserAbsentFromTheAnswer_KeepsTheirShifts(string provider)
    {
        await using var context = await StartWithFloorAsync(provider);
        await context.Pipeline.SyncShiftsAsync("test", Dec9, Dec10);
        var rows = await context.ShiftRowsAsync();

        context.Connecteam.AbsentUsers.Add(102);
        var run = await context.Pipeline.SyncShiftsAsync("test", Dec9, Dec10);

        run.Run.Removed.ShouldBe(0);
        run.Outcome.ChangedDays.ShouldBeEmpty();
        (await context.ShiftRowsAsync()).ShouldBe(rows);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Sync_ClockOutNotAfterClockIn_IsRejectedAndTheRestStored(string provider)
    {
        await using var context = await StartWithFloorAsync(provider);
        context.Connecteam.AddShift("s-bad", 101, Local(16, 0), Local(16, 0));

        var run = await context.Pipeline.SyncShiftsAsync("test", Dec9, Dec10);

        run.Run.Status.ShouldBe(SyncRunStatus.SucceededWithRejections);
        run.Run.Rejected.ShouldBe(1);
        run.Outcome.Rejected.Single().Key.ShouldBe("shift s-bad");
        run.Outcome.Rejected.Single().Reason.ShouldContain("not after clock-in");
        (await context.ShiftRowsAsync()).Count.ShouldBe(5); // four shifts and Ana's break
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Sync_OpenShiftThenClockOut_StoresNullThenUpdatesInPlace(string provider)
    {
        await using var context = await StartWithFloorAsync(provider);
        context.Connecteam.AddShift("s-open", 103, Local(14, 0), null);
        await context.Pipeline.SyncShiftsAsync("test", Dec9, Dec10);
        var open = await context.QueryAsync(db => db.Shifts.SingleAsync(s => s.ConnecteamShiftId == "s-open"));

        // Clock-out at 23:30 local is 05:30 UTC the next day: the next run still files it under the 10th.
        context.Connecteam.ReplaceShift("s-open", Local(14, 0), Local(23, 30));
        context.Time.SetUtcNow(new DateTimeOffset(Local(0, 5, days: 1), TimeSpan.Zero));
        var (from, to) = context.Pipeline.RecentDays();
        await context.Pipeline.SyncShiftsAsync("test", from, to);

        var closed = await context.QueryAsync(db => db.Shifts.SingleAsync(s => s.ConnecteamShiftId == "s-open"));
        open.ClockOutUtc.ShouldBeNull();
        (from, to).ShouldBe((Dec10, Dec10.AddDays(1)));
        closed.Id.ShouldBe(open.Id);
        closed.ClockOutUtc.ShouldBe(Local(23, 30));
        closed.BusinessDay.ShouldBe(Dec10);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Sync_UnknownUser_ReadsUsersOnceThenRejectsWhatIsStillUnknown(string provider)
    {
        await using var context = await StartWithFloorAsync(provider);
        context.Connecteam.AddUser(104, "Dee", "New", "dee@example.test");
        context.Connecteam.AddShift("s-dee", 104, Local(7, 0), Local(15, 0));
        context.Connecteam.AddShift("s-ghost", 999, Local(7, 0), Local(15, 0));
        var readsBefore = context.Connecteam.UserReads;

        var run = await context.Pipeline.SyncShiftsAsync("test", Dec9, Dec10);

        context.Connecteam.UserReads.ShouldBe(readsBefore + 1);
        (await context.QueryAsync(db => db.Shifts.AnyAsync(s => s.ConnecteamShiftId == "s-dee"))).ShouldBeTrue();
        run.Outcome.Rejected.Single().Reason.ShouldBe("unknown Connecteam user 999");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Sync_NightShiftAndBreaks_BelongToTheClockInDay(string provider)
    {
        await using var context = await StartWithFloorAsync(provider);

        await context.Pipeline.SyncShiftsAsync("test", Dec9, Dec10);

        var night = await context.QueryAsync(db => db.Shifts.SingleAsync(s => s.ConnecteamShiftId == "s-ben-night"));
        night.BusinessDay.ShouldBe(Dec9);
        var ana = await context.QueryAsync(db => db.Shifts.SingleAsync(s => s.ConnecteamShiftId == "s-ana"));
        var breakOfAna = await context.QueryAsync(db => db.ManualBreaks.SingleAsync(b => b.EmployeeId == ana.EmployeeId));
        breakOfAna.StartUtc.ShouldBe(Local(11, 0));
        breakOfAna.EndUtc.ShouldBe(Local(11, 30));
        breakOfAna.BusinessDay.ShouldBe(Dec10);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Reconcile_ReportsAddedChangedRemovedPerDay(string provider)
    {
        await using var context = await StartWithFloorAsync(provider);
        await context.Pipeline.SyncShiftsAsync("test", Dec9, Dec10);
        context.Connecteam.Shifts.RemoveAll(s => s.Id == "s-ana");
        context.Connecteam.ReplaceShift("s-ben-night", Local(22, 30, days: -1), Local(6, 0));
        context.Connecteam.AddShift("s-ana-2", 101, Local(8, 0, days: -2), Local(12, 0, days: -2));

        var run = await context.Pipeline.ReconcileAsync("test");

        run.Run.Job.ShouldBe(SyncJobs.Reconciliation);
        run.Outcome.Days[Dec10].Removed.ShouldBe(1);
        run.Outcome.Days[Dec9].Changed.ShouldBe(1);
        run.Outcome.Days[Dec10.AddDays(-2)].Added.ShouldBe(1);
        var stored = await context.QueryAsync(db => db.SyncRuns.SingleAsync(r => r.Id == run.Run.Id));
        stored.Details.ShouldNotBeNull();
        stored.Details.ShouldContain("\"day\":\"2025-12-10\"");
    }

    private static async Task<SyncTestContext> StartWithFloorAsync(string provider)
    {
        var context = await StartAsync(provider);
        context.Connecteam.AddUser(101, "Ana", "Lopez", "ana@example.test");
        context.Connecteam.AddUser(102, "Ben", "Ng", "ben@example.test");
        context.Connecteam.AddUser(103, "Cy", "Park", "cy@example.test");
        await context.Pipeline.SyncEmployeesAsync("test");
        context.Connecteam.AddShift("s-ana", 101, Local(7, 0), Local(15, 30));
        context.Connecteam.Breaks.Add(new("b-ana", 101, 1, Local(11, 0), Local(11, 30)));
        context.Connecteam.AddShift("s-ben-am", 102, Local(6, 0), Local(10, 0));
        context.Connecteam.AddShift("s-ben-pm", 102, Local(10, 30), Local(14, 30));
        context.Connecteam.AddShift("s-ben-night", 102, Local(22, 0, days: -1), Local(6, 0));
        return context;
    }
}
