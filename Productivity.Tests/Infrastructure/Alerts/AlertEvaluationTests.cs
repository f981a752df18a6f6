using Microsoft.EntityFrameworkCore;
using Productivity.Core.Alerts;
using Productivity.Core.Employees;
using Productivity.Core.Scoring;
using Productivity.Core.Sync;
using Productivity.Infrastructure.Sync;

namespace Productivity.Tests.Infrastructure.Alerts;

/// <summary>Each rule's open → hold → close cycle over a simulated day (fake clock), against the stored data.</summary>
public sealed class AlertEvaluationTests
{
    // 08:00 in Chicago (CDT), business day 2026-03-10.
    private static readonly DateTime Start = new(2026, 3, 10, 13, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Day = new(2026, 3, 10);

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task IdleNow_OpensOnceAfterTheLimit_HoldsWithoutDuplicates_ClosesWhenThePersonProduces(string provider)
    {
        await using var context = await AlertTestContext.StartAsync(provider, Start);
        var ann = await context.AddEmployeeAsync("ann");
        await context.AddShiftAsync(ann, Start);
        await context.AddWindowAsync(ann, Start.AddMinutes(10));

        // In Production: 10 min × 3 = 30 min after the window ended at 13:10.
        context.Advance(40);
        (await context.EvaluateAsync()).Opened.ShouldBeEmpty();
        context.Advance(1.5);
        var opened = await context.EvaluateAsync();
        opened.Opened.Count.ShouldBe(1);
        var alert = (await context.AlertsAsync()).ShouldHaveSingleItem();
        (alert.Kind, alert.SubjectKey, alert.EmployeeId, alert.BusinessDay, alert.SinceUtc, alert.Limit, alert.OpenedUtc, alert.ClosedUtc)
            .ShouldBe((AlertKind.IdleNow, $"employee:{ann}:2026-03-10", (int?)ann, (DateOnly?)Day, (DateTime?)Start.AddMinutes(10), 30.0,
                context.Now, (DateTime?)null));
        alert.Measure.ShouldBe(31.5);

        for (var i = 0; i < 3; i++)
        {
            context.Advance(1);
            var held = await context.EvaluateAsync();
            (held.Opened.Count, held.Held, held.Closed.Count).ShouldBe((0, 1, 0));
        }
        alert = (await context.AlertsAsync()).ShouldHaveSingleItem();
        alert.LastHeldUtc.ShouldBe(context.Now);

        // She produces again: the window ends now, the alert closes.
        await context.AddWindowAsync(ann, context.Now);
        context.Advance(1);
        (await context.EvaluateAsync()).Closed.ShouldBe([alert.Id]);
        alert = (await context.AlertsAsync()).ShouldHaveSingleItem();
        (alert.ClosedUtc, alert.OpenKey).ShouldBe(((DateTime?)context.Now, (string?)null));

        // Idle again later the same day: a new alert for the same subject (the closed one no longer holds the key).
        context.Advance(31);
        (await context.EvaluateAsync()).Opened.Count.ShouldBe(1);
        var alerts = await context.AlertsAsync();
        alerts.Count.ShouldBe(2);
        alerts.Select(a => a.SubjectKey).Distinct().ShouldHaveSingleItem();
        alerts.Count(a => a.ClosedUtc == null).ShouldBe(1);

        // Every opening and closing was published, holds were not.
        context.Published.Select(p => (p.Opened.Count, p.Closed.Count)).ShouldBe([(1, 0), (0, 1), (1, 0)]);
    }

    [Fact]
    public async Task IdleNow_ClosesOnClockOut_AndNeverOpensDuringABreak()
    {
        await using var context = await AlertTestContext.StartAsync("Sqlite", Start);
        var ann = await context.AddEmployeeAsync("ann");
        var bob = await context.AddEmployeeAsync("bob");
        var annShift = await context.AddShiftAsync(ann, Start);
        // Bob works an hour, then goes on a split-shift break that is still open (the time clock closed his shift at its start).
        await context.AddShiftAsync(bob, Start, Start.AddHours(1));
        await context.WriteAsync(db => db.ManualBreaks.Add(TestSupport.TestBreaks.Row(bob, "b1", Start.AddHours(1), null)));
        context.Advance(120);

        var first = await context.EvaluateAsync();
        (await context.AlertsAsync(AlertKind.IdleNow)).ShouldHaveSingleItem().EmployeeId.ShouldBe(ann);
        first.Opened.Count.ShouldBe(1);

        await context.QueryAsync(db => db.Shifts.Where(s => s.Id == annShift)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ClockOutUtc, Start.AddMinutes(119))));
        (await context.EvaluateAsync()).Closed.Count.ShouldBe(1);
        (await context.AlertsAsync(AlertKind.IdleNow)).ShouldAllBe(a => a.ClosedUtc != null);
    }

    [Fact]
    public async Task ForgottenClockOut_OpensAfter12Hours_ClosesOnClockOut()
    {
        await using var context = await AlertTestContext.StartAsync("Sqlite", Start);
        await context.EditRuleAsync(AlertKind.IdleNow, r => r.IsEnabled = false);
        var ann = await context.AddEmployeeAsync("ann");
        var shift = await context.AddShiftAsync(ann, Start);

        context.Advance(12 * 60 - 1);
        (await context.EvaluateAsync()).Opened.ShouldBeEmpty();
        context.Advance(2);
        (await context.EvaluateAsync()).Opened.Count.ShouldBe(1);
        context.Advance(60);
        (await context.EvaluateAsync()).Held.ShouldBe(1);
        var alert = (await context.AlertsAsync()).ShouldHaveSingleItem();
        (alert.Kind, alert.SubjectKey, alert.SinceUtc).ShouldBe((AlertKind.ForgottenClockOut, $"employee:{ann}:session:{shift}", (DateTime?)Start));

        await context.QueryAsync(db => db.Shifts.Where(s => s.Id == shift).ExecuteUpdateAsync(s => s.SetProperty(x => x.ClockOutUtc, Start.AddHours(9))));
        (await context.EvaluateAsync()).Closed.Count.ShouldBe(1);
    }

    [Fact]
    public async Task UnclockedProductionAndLowPerformance_FollowTodaysStoredScore()
    {
        await using var context = await AlertTestContext.StartAsync("Sqlite", Start.AddHours(3));
        await context.EditRuleAsync(AlertKind.LowPerformance, r => r.IsEnabled = true);
        var ann = await context.AddEmployeeAsync("ann");
        await context.WriteAsync(db => db.DailyScores.Add(new DailyScore
        {
            EmployeeId = ann, BusinessDay = Day, UnclockedItems = 12, UnclockedWindows = 2, Performance = 0.5, ActiveMinutes = 90,
        }));

        var opened = await context.EvaluateAsync();
        opened.Opened.Count.ShouldBe(2);
        var alerts = await context.AlertsAsync();
        alerts.Select(a => (a.Kind, a.Measure, a.Count)).ShouldBe(
            [(AlertKind.UnclockedProduction, 12.0, (int?)2), (AlertKind.LowPerformance, 50.0, (int?)null)], ignoreOrder: true);

        // Still low, a little better: held, its measure kept current.
        await context.QueryAsync(db => db.DailyScores.ExecuteUpdateAsync(s => s.SetProperty(x => x.Performance, 0.6)));
        context.Advance(1);
        (await context.EvaluateAsync()).Held.ShouldBe(2);
        (await context.AlertsAsync(AlertKind.LowPerformance)).Single().Measure.ShouldBe(60);

        // The shift arrives (no unclocked items any more) and performance recovers: both close.
        await context.QueryAsync(db => db.DailyScores.ExecuteUpdateAsync(s => s.SetProperty(x => x.UnclockedItems, 0).SetProperty(x => x.Performance, 0.9)));
        context.Advance(1);
        (await context.EvaluateAsync()).Closed.Count.ShouldBe(2);
    }

    [Fact]
    public async Task UnmappedEmail_OpensForTodaysRows_ClosesWhenMapped_IgnoresRejectedEmails()
    {
        await using var context = await AlertTestContext.StartAsync("Sqlite", Start.AddHours(2));
        var ann = await context.AddEmployeeAsync("ann");
        await context.AddWindowAsync(null, Start.AddHours(1), email: "new@example.test", items: 9);
        await context.AddWindowAsync(null, Start.AddHours(1.5), email: "new@example.test", items: 4);
        await context.AddWindowAsync(null, Start.AddHours(1), email: "bot@example.test");
        await context.WriteAsync(db => db.PendingMappings.Add(new PendingMapping
        {
            Email = "bot@example.test", Status = PendingMappingStatus.Rejected, FirstSeenUtc = Start, LastSeenUtc = Start,
        }));

        (await context.EvaluateAsync()).Opened.Count.ShouldBe(1);
        var alert = (await context.AlertsAsync()).ShouldHaveSingleItem();
        (alert.Kind, alert.Reference, alert.Count, alert.Measure, alert.SubjectKey)
            .ShouldBe((AlertKind.UnmappedEmail, "new@example.test", (int?)2, 13.0, "email:new@example.test:2026-03-10"));

        await context.QueryAsync(db => db.Activities.Where(a => a.Email == "new@example.test")
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.EmployeeId, ann)));
        (await context.EvaluateAsync()).Closed.Count.ShouldBe(1);
    }

    [Fact]
    public async Task StaleFeed_OpensWhileFiveWorkAndNoRowCame_ClosesWhenTheFeedResumes()
    {
        await using var context = await AlertTestContext.StartAsync("Sqlite", Start);
        await context.EditRuleAsync(AlertKind.IdleNow, r => r.IsEnabled = false);
        for (var i = 0; i < 5; i++)
        {
            await context.AddShiftAsync(await context.AddEmployeeAsync($"p{i}"), Start);
        }
        await context.WriteAsync(db => db.SyncCursors.Add(new SyncCursor { Source = ActivitySyncService.CursorName, CreatedUtc = Start, UpdatedUtc = Start }));

        context.Advance(30);
        (await context.EvaluateAsync()).Opened.ShouldBeEmpty();
        context.Advance(1);
        (await context.EvaluateAsync()).Opened.Count.ShouldBe(1);
        var alert = (await context.AlertsAsync()).ShouldHaveSingleItem();
        (alert.Kind, alert.Count, alert.SinceUtc).ShouldBe((AlertKind.StaleFeed, (int?)5, (DateTime?)Start));
        context.Advance(5);
        (await context.EvaluateAsync()).Held.ShouldBe(1);

        await context.QueryAsync(db => db.SyncCursors.ExecuteUpdateAsync(s => s.SetProperty(c => c.CreatedUtc, context.Now)));
        (await context.EvaluateAsync()).Closed.Count.ShouldBe(1);
    }

    [Fact]
    public async Task SyncFailing_OpensAfterThreeFailedRunsInARow_ClosesOnASuccess()
    {
        await using var context = await AlertTestContext.StartAsync("Sqlite", Start);
        Task RunAsync(SyncRunStatus status) => context.WriteAsync(db => db.SyncRuns.Add(new SyncRun
        {
            Job = SyncJobs.Shifts, Trigger = "schedule", StartedUtc = context.Now, FinishedUtc = context.Now, Status = status,
        }));

        await RunAsync(SyncRunStatus.Failed);
        await RunAsync(SyncRunStatus.Succeeded);
        for (var i = 0; i < 2; i++)
        {
            context.Advance(5);
            await RunAsync(SyncRunStatus.Failed);
        }
        (await context.EvaluateAsync()).Opened.ShouldBeEmpty();
        context.Advance(5);
        await RunAsync(SyncRunStatus.Failed);
        // A run in progress does not interrupt the streak.
        await context.WriteAsync(db => db.SyncRuns.Add(new SyncRun { Job = SyncJobs.Shifts, Trigger = "schedule", StartedUtc = context.Now.AddSeconds(1), Status = SyncRunStatus.Running }));
        (await context.EvaluateAsync()).Opened.Count.ShouldBe(1);
        var alert = (await context.AlertsAsync()).ShouldHaveSingleItem();
        (alert.Reference, alert.Count, alert.SinceUtc).ShouldBe((SyncJobs.Shifts, (int?)3, (DateTime?)Start.AddMinutes(5)));

        context.Advance(5);
        await RunAsync(SyncRunStatus.Succeeded);
        (await context.EvaluateAsync()).Closed.Count.ShouldBe(1);
    }

    [Fact]
    public async Task QuietHours_OpenNothingNewAndTellNobody_ButOpenAlertsStillClose()
    {
        // 13:00 UTC is 08:00 in Chicago; quiet from 08:30 to 09:00 site time.
        await using var context = await AlertTestContext.StartAsync("Sqlite", Start);
        await context.EditRuleAsync(AlertKind.IdleNow, r => (r.QuietFrom, r.QuietUntil) = (new TimeOnly(8, 30), new TimeOnly(9, 0)));
        var ann = await context.AddEmployeeAsync("ann");
        var bob = await context.AddEmployeeAsync("bob");
        await context.AddShiftAsync(ann, Start.AddMinutes(-60));
        await context.AddShiftAsync(bob, Start);

        // 08:00: Ann has been idle an hour (limit 45 before a first window): opens.
        (await context.EvaluateAsync()).Opened.Count.ShouldBe(1);
        // 08:50, quiet: Bob crossed his limit at 08:45 but nothing opens, and Ann's closes when she produces.
        context.Advance(50);
        await context.AddWindowAsync(ann, context.Now.AddMinutes(-1));
        var quiet = await context.EvaluateAsync();
        (quiet.Opened.Count, quiet.Closed.Count, quiet.Suppressed).ShouldBe((0, 1, 1));
        context.Published.Count.ShouldBe(2);
        // 09:00: the quiet hours are over and Bob's alert opens.
        context.Advance(10);
        (await context.EvaluateAsync()).Opened.Count.ShouldBe(1);
        (await context.AlertsAsync()).Where(a => a.ClosedUtc == null).ShouldHaveSingleItem().EmployeeId.ShouldBe(bob);
    }

    [Fact]
    public async Task TurningARuleOff_ClosesItsOpenAlerts_AndAScopedEvaluationTouchesOnlyItsPeople()
    {
        await using var context = await AlertTestContext.StartAsync("Sqlite", Start);
        var ann = await context.AddEmployeeAsync("ann");
        var bob = await context.AddEmployeeAsync("bob");
        await context.AddShiftAsync(ann, Start);
        await context.AddShiftAsync(bob, Start);
        context.Advance(60);

        (await context.EvaluateAsync([ann])).Opened.Count.ShouldBe(1);
        (await context.AlertsAsync()).ShouldHaveSingleItem().EmployeeId.ShouldBe(ann);
        (await context.EvaluateAsync()).Opened.Count.ShouldBe(1);

        await context.EditRuleAsync(AlertKind.IdleNow, r => r.IsEnabled = false);
        // Scoped to Bob: only Bob's closes.
        (await context.EvaluateAsync([bob])).Closed.Count.ShouldBe(1);
        (await context.AlertsAsync()).Single(a => a.ClosedUtc == null).EmployeeId.ShouldBe(ann);
        (await context.EvaluateAsync()).Closed.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Evaluation_UsesTheSameNumberOfQueriesForFiftyPeopleAsForOne()
    {
        var one = await QueriesAsync(1);
        var fifty = await QueriesAsync(50);
        fifty.ShouldBe(one);

        static async Task<int> QueriesAsync(int people)
        {
            var commands = new Productivity.TestSupport.CommandCounter();
            await using var context = await AlertTestContext.StartAsync("Sqlite", Start, commands: commands);
            for (var i = 0; i < people; i++)
            {
                var id = await context.AddEmployeeAsync($"p{i}");
                await context.AddShiftAsync(id, Start);
                await context.AddWindowAsync(id, Start.AddMinutes(10));
            }
            context.Advance(60);
            await context.EvaluateAsync();
            context.Advance(1);
            commands.Reset();
            await context.EvaluateAsync();
            return commands.Count;
        }
    }
}
