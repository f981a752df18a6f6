using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.EmployeeDays;
using Productivity.Core.Scoring;
using Productivity.Core.Sync;
using Productivity.Tests.Core.Scoring;
using Productivity.Tests.Infrastructure.Scoring;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Infrastructure.EmployeeDays;

public sealed class EmployeeDayQueriesTests
{
    private static readonly DateOnly Dec10 = new(2025, 12, 10);

    public static IEnumerable<object[]> ExamplesOnBothProviders() => SpecExample.SingleDayFilesOnBothProviders();

    [Theory]
    [MemberData(nameof(ExamplesOnBothProviders))]
    public async Task Get_SpecExample_RecomputedExplanationMatchesTheStoredScore(string provider, string file)
    {
        var example = SpecExample.Load(file);
        await using var context = await ScoringTestContext.StartAsync(provider, example.NowUtc);
        var employee = await StoreAndScoreAsync(context, example);

        var report = (await QueryAsync(context, employee, Dec10))!;

        var stored = report.StoredScore.ShouldNotBeNull();
        var recomputed = report.Recomputed.ShouldNotBeNull();
        (recomputed.Items, recomputed.Points, recomputed.ClockedMinutes, recomputed.ActiveMinutes, recomputed.IdleMinutes, recomputed.Utilization,
                recomputed.StandardMinutes, recomputed.Performance, recomputed.UnclockedItems, recomputed.UnclockedWindows)
            .ShouldBe((stored.Items, stored.Points, stored.ClockedMinutes, stored.ActiveMinutes, stored.IdleMinutes, stored.Utilization,
                stored.StandardMinutes, stored.Performance, stored.UnclockedItems, stored.UnclockedWindows));
        var storedIdle = await context.QueryAsync(db => db.IdlePeriods.OrderBy(p => p.StartUtc).ToListAsync());
        recomputed.IdlePeriods.Select(p => (p.StartUtc, p.EndUtc, p.GapMinutes, p.AllowanceMinutes, p.ExcessMinutes, p.Rule))
            .ShouldBe(storedIdle.Select(p => (p.StartUtc, p.EndUtc, p.GapMinutes, p.AllowanceMinutes, p.ExcessMinutes, p.Rule)));
        report.Actions.Sum(a => a.Items).ShouldBe(stored.Items);
        Math.Round(report.Actions.Sum(a => a.Points), 2).ShouldBe(stored.Points);
        Math.Round(report.Actions.Sum(a => a.StandardMinutes), 2).ShouldBe(stored.StandardMinutes);
        report.Windows.Count.ShouldBe(example.Windows.Count);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task Get_ExampleB_ExplainsEachGapWithItsRuleAllowanceAndExcess(string provider)
    {
        var example = SpecExample.Load("B-batch-gaps.json");
        await using var context = await ScoringTestContext.StartAsync(provider, example.NowUtc);
        var employee = await StoreAndScoreAsync(context, example);

        var report = (await QueryAsync(context, employee, Dec10))!;

        report.Recomputed!.IdlePeriods.Select(p => (p.Rule, p.WindowAction, p.WindowItems, p.GapMinutes, p.AllowanceMinutes, p.ExcessMinutes)).ShouldBe(
        [
            (IdleRule.StartAllowance, null, null, 20, 15, 5),
            (IdleRule.AfterWindow, "Picking", 30, 20, 9.45, 10.55),
            (IdleRule.AfterWindow, "Picking", 60, 110, 18.9, 91.1),
            (IdleRule.AfterWindow, "Labeling", 80, 280, 25.2, 254.8),
            (IdleRule.EndAllowance, "Labeling", 20, 30, 21.3, 8.7),
        ]);
        report.Actions.Select(a => (a.Action, a.RoleName, a.Windows, a.Items, a.StandardMinutes, a.Points))
            .ShouldBe([("Picking", "Picker", 3, 130, 39d, 39d), ("Labeling", "Labeler", 2, 100, 30d, 30d)]);
        report.Sessions.ShouldHaveSingleItem().Breaks.ShouldBeEmpty();
        report.Windows.ShouldAllBe(w => !w.IsUnclocked);
    }

    [Fact]
    public async Task Get_ExampleC_WindowsBeforeClockInAreUnclockedAndEarnNoStandardTime()
    {
        var example = SpecExample.Load("C-two-sessions-and-unclocked.json");
        await using var context = await ScoringTestContext.StartAsync("Sqlite", example.NowUtc);
        var employee = await StoreAndScoreAsync(context, example);

        var report = (await QueryAsync(context, employee, Dec10))!;

        report.Sessions.Count.ShouldBe(2);
        report.Windows.Where(w => w.IsUnclocked).Select(w => w.Items).ShouldBe([9, 9, 9, 9]);
        report.Actions.ShouldHaveSingleItem().ShouldBe(new ActionTotals("QC Passed", "Packing and Shipping", 48, 388, 469.33, 516.04));
    }

    [Fact]
    public async Task Get_ExampleD_OpenShiftEndsNow()
    {
        var example = SpecExample.Load("D-open-shift.json");
        await using var context = await ScoringTestContext.StartAsync("Sqlite", example.NowUtc);
        var employee = await StoreAndScoreAsync(context, example);

        var report = (await QueryAsync(context, employee, Dec10))!;

        var session = report.Sessions.ShouldHaveSingleItem();
        session.ClockOutUtc.ShouldBeNull();
        session.EndUtc.ShouldBe(example.NowUtc);
        session.IsCapped.ShouldBeFalse();
        report.NextDay.ShouldBeNull();
    }

    [Fact]
    public async Task Get_ExampleE_WindowsAfterMidnightBelongToTheNightShiftsDay()
    {
        var example = SpecExample.Load("E-night-shift.json");
        await using var context = await ScoringTestContext.StartAsync("Sqlite", example.NowUtc);
        var employee = await StoreAndScoreAsync(context, example);

        var night = (await QueryAsync(context, employee, Dec10))!;
        var after = (await QueryAsync(context, employee, Dec10.AddDays(1)))!;

        night.Windows.Count.ShouldBe(example.Windows.Count);
        night.Recomputed!.Items.ShouldBe(2200);
        after.Windows.ShouldBeEmpty();
        after.Sessions.ShouldBeEmpty();
        after.Recomputed.ShouldBeNull();
        after.StoredScore.ShouldBeNull();
    }

    [Fact]
    public async Task Get_UnknownEmployee_ReturnsNull()
    {
        await using var context = await ScoringTestContext.StartAsync("Sqlite", new DateTime(2025, 12, 11, 14, 0, 0, DateTimeKind.Utc));

        (await QueryAsync(context, 4242, Dec10)).ShouldBeNull();
    }

    [Fact]
    public async Task Get_CallerWithoutARole_IsRefused()
    {
        var example = SpecExample.Load("A-continuous-with-break.json");
        await using var context = await ScoringTestContext.StartAsync("Sqlite", example.NowUtc);
        var employee = await StoreAndScoreAsync(context, example);

        await Should.ThrowAsync<UnauthorizedAccessException>(() =>
            context.Host.Services.GetRequiredService<IEmployeeDayQueries>().GetAsync(TestPrincipals.NoRole, employee, Dec10));
    }

    [Fact]
    public async Task Get_Trend_ShowsTheEmployeeAgainstTheTeamMedianOfEachDay()
    {
        await using var context = await ScoringTestContext.StartAsync("Sqlite", SpecExample.Load("A-continuous-with-break.json").NowUtc);
        var ana = await StoreAndScoreAsync(context, SpecExample.Load("A-continuous-with-break.json"), "ana");
        await StoreAndScoreAsync(context, SpecExample.Load("B-batch-gaps.json"), "ben");
        await StoreAndScoreAsync(context, SpecExample.Load("C-two-sessions-and-unclocked.json"), "cy");

        var report = (await QueryAsync(context, ana, Dec10))!;

        report.Trend.Count.ShouldBe(90);
        report.Trend[^1].ShouldBe(new TrendDay(Dec10, new TrendValues(322, 483, 1, 1.0063), new TrendValues(322, 483, 1, 0.9778)));
        report.Trend[^2].ShouldBe(new TrendDay(Dec10.AddDays(-1), null, null));
        report.Trend[0].Day.ShouldBe(Dec10.AddDays(-89));
    }

    [Fact]
    public async Task Get_PreviousAndNext_GoToTheNearestScoredDays()
    {
        var example = SpecExample.Load("A-continuous-with-break.json");
        await using var context = await ScoringTestContext.StartAsync("Sqlite", example.NowUtc);
        var employee = await StoreAndScoreAsync(context, example);
        await context.AddInputsAsync(employee,
            example.Shifts.Select(s => s with { Id = s.Id + "-early", ClockInUtc = s.ClockInUtc.AddDays(-5), ClockOutUtc = s.ClockOutUtc?.AddDays(-5), Breaks = [] }),
            example.Windows.Select(w => w with { Id = w.Id + 1000, StartUtc = w.StartUtc.AddDays(-5), EndUtc = w.EndUtc.AddDays(-5) }));
        await context.Scoring.RecalculateAsync([new EmployeeDay(employee, Dec10.AddDays(-5))]);

        var last = (await QueryAsync(context, employee, Dec10))!;
        var early = (await QueryAsync(context, employee, Dec10.AddDays(-5)))!;

        last.PreviousDay.ShouldBe(Dec10.AddDays(-5));
        last.NextDay.ShouldBe(Dec10.AddDays(1));
        early.PreviousDay.ShouldBe(Dec10.AddDays(-6));
        early.NextDay.ShouldBe(Dec10);
    }

    [Fact]
    public async Task Get_ScoreShown_IsTheStoredRowUntilTheInputsChange_AndTheRecomputeWhileNothingIsStored()
    {
        var example = SpecExample.Load("A-continuous-with-break.json");
        await using var context = await ScoringTestContext.StartAsync("Sqlite", example.NowUtc);
        var employee = await context.AddEmployeeAsync("employee");
        await context.AddInputsAsync(employee, example.Shifts, example.Windows);

        var unscored = (await QueryAsync(context, employee, Dec10))!;
        await context.Scoring.RecalculateAsync([new EmployeeDay(employee, Dec10)]);
        var scored = (await QueryAsync(context, employee, Dec10))!;
        var late = example.Windows[^1];
        await context.AddInputsAsync(employee, [], [late with { Id = late.Id + 1000, Items = 7 }]);
        var changed = (await QueryAsync(context, employee, Dec10))!;

        unscored.StoredScore.ShouldBeNull();
        var computedNow = unscored.Score.ShouldNotBeNull();
        (computedNow.Items, computedNow.ActiveMinutes, computedNow.Utilization, unscored.IsStale)
            .ShouldBe((unscored.Recomputed!.Items, unscored.Recomputed.ActiveMinutes, unscored.Recomputed.Utilization, false));
        scored.Score.ShouldBeSameAs(scored.StoredScore);
        scored.IsStale.ShouldBeFalse();
        changed.Score.ShouldBeSameAs(changed.StoredScore);
        changed.Score!.Items.ShouldBe(scored.Score!.Items);
        changed.Recomputed!.Items.ShouldBe(scored.Score.Items + 7);
        changed.IsStale.ShouldBeTrue();
    }

    private static async Task<int> StoreAndScoreAsync(ScoringTestContext context, SpecExample example, string name = "employee")
    {
        var employee = await context.AddEmployeeAsync(name);
        await context.AddInputsAsync(employee, example.Shifts, example.Windows);
        await context.Scoring.RecalculateAsync([new EmployeeDay(employee, Dec10)]);
        return employee;
    }

    private static async Task<EmployeeDayReport?> QueryAsync(ScoringTestContext context, int employeeId, DateOnly day) =>
        await context.Host.Services.GetRequiredService<IEmployeeDayQueries>()
            .GetAsync(await TestPrincipals.LeadAsync(context.Host.Services), employeeId, day);
}
