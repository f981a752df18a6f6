using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Productivity.Core.Scoring;
using Productivity.Core.Sync;
using Productivity.Tests.Core.Scoring;

namespace Productivity.Tests.Infrastructure.Scoring;

public sealed class ScoreRecalculationTests
{
    private static readonly DateOnly Dec10 = new(2025, 12, 10);

    public static IEnumerable<object[]> ExamplesOnBothProviders() => SpecExample.SingleDayFilesOnBothProviders();

    [Theory]
    [MemberData(nameof(ExamplesOnBothProviders))]
    public async Task Recalculate_SpecExample_StoresTheSpecsNumbersAndIdlePeriods(string provider, string file)
    {
        var example = SpecExample.Load(file);
        var expected = example.Expected.Single();
        await using var context = await ScoringTestContext.StartAsync(provider, example.NowUtc);
        var employee = await context.AddEmployeeAsync(expected.GetProperty("employee").GetString()!);
        await context.AddInputsAsync(employee, example.Shifts, example.Windows);

        await context.Scoring.RecalculateAsync([new EmployeeDay(employee, Dec10)]);

        var score = await context.QueryAsync(db => db.DailyScores.SingleAsync());
        SpecExample.ShouldMatchNumbers(score, expected);
        var idle = await context.QueryAsync(db => db.IdlePeriods.OrderBy(p => p.StartUtc).ToListAsync());
        idle.Select(p => (p.StartUtc, p.EndUtc, p.ExcessMinutes)).ShouldBe(SpecExample.ExpectedIdlePeriods(expected));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task Recalculate_ThreeTimes_SameRowsAndIdlePeriodsNeverDuplicated(string provider)
    {
        var example = SpecExample.Load("B-batch-gaps.json");
        await using var context = await ScoringTestContext.StartAsync(provider, example.NowUtc);
        var employee = await context.AddEmployeeAsync("ben");
        await context.AddInputsAsync(employee, example.Shifts, example.Windows);

        for (var i = 0; i < 3; i++)
        {
            await context.Scoring.RecalculateAsync([new EmployeeDay(employee, Dec10)]);
        }

        (await context.QueryAsync(db => db.DailyScores.CountAsync())).ShouldBe(1);
        (await context.QueryAsync(db => db.IdlePeriods.CountAsync())).ShouldBe(5);
        (await context.QueryAsync(db => db.DailyScores.SingleAsync())).ActiveMinutes.ShouldBe(139.85);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task Recalculate_SameDaysFourTimesAtOnce_EveryRunSucceedsAndRowsAreNotDuplicated(string provider)
    {
        // Two syncs or two nodes rescoring the same days at once: on MariaDB their deletes deadlock, and the loser
        // must write again rather than fail.
        var example = SpecExample.Load("B-batch-gaps.json");
        await using var context = await ScoringTestContext.StartAsync(provider, example.NowUtc);
        var days = new List<EmployeeDay>();
        for (var i = 0; i < 20; i++)
        {
            var id = await context.AddEmployeeAsync($"e{i}");
            await context.AddInputsAsync(id, example.Shifts, example.Windows);
            days.Add(new EmployeeDay(id, Dec10));
        }

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => context.Scoring.RecalculateAsync(days))));

        (await context.QueryAsync(db => db.DailyScores.CountAsync())).ShouldBe(20);
        (await context.QueryAsync(db => db.IdlePeriods.CountAsync())).ShouldBe(100);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task Recalculate_ManyEmployees_UsesTheSameNumberOfQueriesAsFew(string provider)
    {
        var example = SpecExample.Load("A-continuous-with-break.json");
        await using var context = await ScoringTestContext.StartAsync(provider, example.NowUtc);
        var employees = new List<int>();
        for (var i = 0; i < 40; i++)
        {
            var id = await context.AddEmployeeAsync($"e{i}");
            await context.AddInputsAsync(id, example.Shifts, example.Windows);
            employees.Add(id);
        }

        // Every command counts, the writes too: rows go in multi-row INSERTs, not one statement per row.
        int Measure() => context.Commands.Count;
        context.Commands.Reset();
        await context.Scoring.RecalculateAsync(employees.Take(2).Select(e => new EmployeeDay(e, Dec10)).ToList());
        var few = Measure();
        context.Commands.Reset();
        await context.Scoring.RecalculateAsync(employees.Select(e => new EmployeeDay(e, Dec10)).ToList());
        var many = Measure();

        (await context.QueryAsync(db => db.DailyScores.CountAsync())).ShouldBe(40);
        many.ShouldBeLessThanOrEqualTo(few + 2, $"2 employees took {few} commands, 40 took {many}");
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task Recalculate_PublishesTheDaysAndEmployees(string provider)
    {
        var example = SpecExample.Load("E-night-shift.json");
        await using var context = await ScoringTestContext.StartAsync(provider, example.NowUtc);
        var employee = await context.AddEmployeeAsync("eve");
        await context.AddInputsAsync(employee, example.Shifts, example.Windows);

        await context.Scoring.RecalculateAsync([new EmployeeDay(employee, Dec10)]);

        var update = context.Published.Single();
        update.Days.ShouldBe([Dec10]);
        update.EmployeeIds.ShouldBe([employee]);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task Recalculate_ShiftEditedAfterScoring_ReplacesTheScore(string provider)
    {
        var example = SpecExample.Load("A-continuous-with-break.json");
        await using var context = await ScoringTestContext.StartAsync(provider, example.NowUtc);
        var employee = await context.AddEmployeeAsync("ana");
        await context.AddInputsAsync(employee, example.Shifts, example.Windows);
        await context.Scoring.RecalculateAsync([new EmployeeDay(employee, Dec10)]);

        await context.QueryAsync(db => db.Shifts.ExecuteUpdateAsync(s => s.SetProperty(x => x.ClockOutUtc, x => x.ClockOutUtc!.Value.AddHours(1))));
        await context.Scoring.RecalculateAsync([new EmployeeDay(employee, Dec10)]);

        var score = await context.QueryAsync(db => db.DailyScores.SingleAsync());
        score.ClockedMinutes.ShouldBe(540);
        score.IdleMinutes.ShouldBe(45);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task Recalculate_DayWhoseInputsVanished_LosesItsScore(string provider)
    {
        var example = SpecExample.Load("A-continuous-with-break.json");
        await using var context = await ScoringTestContext.StartAsync(provider, example.NowUtc);
        var employee = await context.AddEmployeeAsync("ana");
        await context.AddInputsAsync(employee, example.Shifts, example.Windows);
        await context.Scoring.RecalculateAsync([new EmployeeDay(employee, Dec10)]);

        await context.QueryAsync(db => db.Activities.ExecuteDeleteAsync());
        await context.QueryAsync(db => db.Shifts.ExecuteDeleteAsync());
        await context.Scoring.RecalculateAsync([new EmployeeDay(employee, Dec10)]);

        (await context.QueryAsync(db => db.DailyScores.CountAsync())).ShouldBe(0);
        (await context.QueryAsync(db => db.IdlePeriods.CountAsync())).ShouldBe(0);
        (await context.QueryAsync(db => db.DailyActionTotals.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task Recalculate_StoresEachDaysItemsPerAction_AsItsWindowsAreAttributed_NeverDuplicated(string provider)
    {
        var example = SpecExample.Load("B-batch-gaps.json");
        await using var context = await ScoringTestContext.StartAsync(provider, example.NowUtc);
        var employee = await context.AddEmployeeAsync("ben");
        await context.AddInputsAsync(employee, example.Shifts, example.Windows);

        for (var i = 0; i < 2; i++)
        {
            await context.Scoring.RecalculateAsync([new EmployeeDay(employee, Dec10)]);
        }

        var totals = await context.QueryAsync(db => db.DailyActionTotals.OrderBy(t => t.Action).ToListAsync());
        var attributed = await context.QueryAsync(db => db.Activities.Where(a => a.BusinessDay != null)
            .GroupBy(a => new { a.EmployeeId, a.BusinessDay, a.Action })
            .Select(g => new { g.Key.EmployeeId, g.Key.BusinessDay, g.Key.Action, Items = g.Sum(a => a.ItemsCount), Windows = g.Count() })
            .ToListAsync());
        totals.Select(t => (t.EmployeeId, t.BusinessDay, t.Action, t.Items, t.Windows))
            .ShouldBe(attributed.OrderBy(a => a.Action).Select(a => (a.EmployeeId!.Value, a.BusinessDay!.Value, a.Action, a.Items, a.Windows)));
        totals.Count.ShouldBeGreaterThan(1);
        totals.Sum(t => t.Items).ShouldBe((await context.QueryAsync(db => db.DailyScores.SingleAsync())).Items);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task Recalculate_UnknownActionAndNoProduction_AreStoredAsDataQualityExceptions(string provider)
    {
        var now = new DateTime(2025, 12, 11, 12, 0, 0, DateTimeKind.Utc);
        await using var context = await ScoringTestContext.StartAsync(provider, now);
        var ana = await context.AddEmployeeAsync("ana");
        var ben = await context.AddEmployeeAsync("ben");
        var shiftStart = new DateTime(2025, 12, 10, 13, 0, 0, DateTimeKind.Utc);
        await context.AddInputsAsync(ana, [new ScoringShift("s1", shiftStart, shiftStart.AddHours(8), [])],
            [new ScoringWindow(1, "Gift Wrapping", 5, shiftStart.AddHours(1), shiftStart.AddHours(1).AddMinutes(10))]);
        await context.AddInputsAsync(ben, [new ScoringShift("s2", shiftStart, shiftStart.AddHours(8), [])], []);

        await context.Scoring.RecalculateAsync([new EmployeeDay(ana, Dec10), new EmployeeDay(ben, Dec10)]);

        var issues = await context.QueryAsync(db => db.DataQuality.OrderBy(d => d.EmployeeId).ToListAsync());
        issues.ShouldContain(i => i.EmployeeId == ana && i.Issue == DataQualityIssue.UnknownAction && i.Subject == "Gift Wrapping");
        issues.ShouldContain(i => i.EmployeeId == ben && i.Issue == DataQualityIssue.ShiftWithoutProduction);
        (await context.QueryAsync(db => db.DailyScores.SingleAsync(s => s.EmployeeId == ana))).Points.ShouldBe(0);
    }
}
