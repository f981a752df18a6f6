using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Dashboard;
using Productivity.Core.Scoring;
using Productivity.Core.Sync;
using Productivity.Infrastructure.Persistence;
using Productivity.Tests.Core.Scoring;
using static Productivity.Tests.Core.Scoring.ScoringTestData;

namespace Productivity.Tests.Infrastructure.Dashboard;

public sealed class DashboardQueriesTests
{
    private static readonly DateOnly Dec10 = new(2025, 12, 10);
    private static readonly DashboardRange Dec10Only = new(Dec10, Dec10);
    private static readonly DateTime DayOver = Utc("2025-12-11T14:00:00Z");
    private static readonly string[] Files = DashboardTestContext.SpecFiles;

    public static TheoryData<string> Providers => new() { "Sqlite", "MySql" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GetScores_SpecExamples_RowsCarryTheSpecsNumbers(string provider)
    {
        await using var context = await DashboardTestContext.StartWithSpecExamplesAsync(provider);

        var page = await context.Queries.GetScoresAsync(Dec10Only, new ScoreTableQuery(null, ScoreSort.Name, false, 0, 25));

        page.TotalCount.ShouldBe(5);
        foreach (var file in Files)
        {
            var expected = SpecExample.Load(file).Expected.Single();
            var row = page.Items.Single(r => r.Name == expected.GetProperty("employee").GetString());
            row.Items.ShouldBe(expected.GetProperty("items").GetInt32(), file);
            row.Points.ShouldBe(expected.GetProperty("points").GetDouble(), file);
            row.ClockedMinutes.ShouldBe(expected.GetProperty("clocked_minutes").GetDouble(), file);
            row.ActiveMinutes.ShouldBe(expected.GetProperty("active_minutes").GetDouble(), file);
            row.Utilization.ShouldBe(expected.GetProperty("utilization").GetDouble(), file);
            row.Performance.ShouldBe(expected.GetProperty("performance") is { ValueKind: JsonValueKind.Number } p ? p.GetDouble() : null, file);
            row.PrimaryRole.ShouldBe(expected.GetProperty("primary_role").GetString(), file);
            row.DaysWorked.ShouldBe(1);
            row.LastDay.ShouldBe(Dec10);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GetSummary_SpecExamples_KpisAreTheSumsOfTheRows(string provider)
    {
        await using var context = await DashboardTestContext.StartWithSpecExamplesAsync(provider);

        var summary = await context.Queries.GetSummaryAsync(Dec10Only);

        summary.IncludesToday.ShouldBeFalse();
        // Utilization is Σ active / Σ clocked of the stored minutes, unrounded (the screen rounds once when it shows it).
        await using (var scope = context.Host.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
            var stored = await db.DailyScores.Where(s => s.BusinessDay == DashboardTestContext.SpecDay)
                .Select(s => new { s.ActiveMinutes, s.ClockedMinutes }).ToListAsync();
            summary.Kpis.Utilization.ShouldBe((double)(stored.Sum(s => (decimal)s.ActiveMinutes) / stored.Sum(s => (decimal)s.ClockedMinutes)), 1e-12);
            summary.Kpis.Utilization.ShouldBe(0.8241, 0.00005);
        }
        summary.Kpis.ShouldBe(new DashboardKpis(
            ClockedInNow: null,
            Worked: 5,
            Items: 322 + 230 + 388 + 520 + 2200,
            QcPassedItems: 388,
            QcGoal: 3000,
            Utilization: summary.Kpis.Utilization,
            Points: 483 + 69 + 516.04 + 234 + 660,
            ClockedHours: 37.5,
            ActiveHours: 30.91));
        summary.Averages.ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GetSummary_SpecExamples_DepartmentsFromTheActionsRoles(string provider)
    {
        await using var context = await DashboardTestContext.StartWithSpecExamplesAsync(provider);

        var departments = (await context.Queries.GetSummaryAsync(Dec10Only)).Departments;

        departments.Select(d => (d.Department, d.Items, d.Headcount)).ShouldBe(
        [
            ("Labeling", 2300, 2),
            ("Film Matching", 520, 1),
            ("Packing", 388, 1),
            ("Heat Press", 322, 1),
            ("Picking", 130, 1),
        ]);
        var heatPress = departments.Single(d => d.Department == "Heat Press");
        heatPress.Hours.ShouldBe(8);
        heatPress.ItemsPerHour.ShouldBe(40.3);
        heatPress.ExpectedPerHour.ShouldBe(40);
        departments.Sum(d => d.Hours).ShouldBe(37.5, 0.02);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GetSummary_SingleDay_HourlyChartCountsTheDaysWindowsByTheLocalHourTheyStart(string provider)
    {
        await using var context = await DashboardTestContext.StartWithSpecExamplesAsync(provider);
        var windows = Files.SelectMany(f => SpecExample.Load(f).Windows).ToList();

        var summary = await context.Queries.GetSummaryAsync(Dec10Only);

        var hourly = summary.Hourly;
        hourly.Sum(h => h.Items).ShouldBe(summary.Kpis.Items);
        // Eve's night shift runs until 06:00 the next morning; its windows stay on Dec 10, in hours after midnight.
        hourly.Count.ShouldBe(30);
        hourly.Select(h => h.Label).ShouldBe(Enumerable.Range(0, 24).Select(h => $"{h:00}:00").Concat(Enumerable.Range(0, 6).Select(h => $"{h:00}:00 +1d")));
        for (var hour = 0; hour < 30; hour++)
        {
            var from = hourly[hour].StartUtc;
            hourly[hour].Items.ShouldBe(windows.Where(w => w.StartUtc >= from && w.StartUtc < from.AddHours(1)).Sum(w => w.Items), $"hour {hour}");
        }
        hourly[7].ActivePeople.ShouldBe(3);
        hourly[23].ActivePeople.ShouldBe(1);
        hourly[25].ActivePeople.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GetSummary_NightShift_PostMidnightItemsBelongToTheDayTheShiftStarted(string provider)
    {
        var example = SpecExample.Load("E-night-shift.json");
        await using var context = await DashboardTestContext.StartAsync(provider, example.NowUtc);
        var eve = await context.AddEmployeeAsync("eve");
        await context.AddInputsAsync(eve, example.Shifts, example.Windows.Select(w => w with { Action = "QC Passed" }));
        await context.RecomputeAsync(example.NowUtc, new EmployeeDay(eve, Dec10));

        var dec10 = await context.Queries.GetSummaryAsync(Dec10Only);
        var dec11 = await context.Queries.GetSummaryAsync(new DashboardRange(Dec10.AddDays(1), Dec10.AddDays(1)));

        dec10.Kpis.QcPassedItems.ShouldBe(dec10.Kpis.Items);
        dec10.Kpis.QcPassedItems.ShouldBe(example.Windows.Sum(w => w.Items));
        dec11.Kpis.QcPassedItems.ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task OnABreakNow_IsClockedInOnTheBreak_OnTheDashboardAndTheFloor_WithTheSpecsScore(string provider)
    {
        // Spec example G: the time clock closed Ana's shift at 11:00 local when her lunch began; it is still open at 11:15.
        var example = SpecExample.Load("G-on-break-now.json");
        await using var context = await DashboardTestContext.StartAsync(provider, example.NowUtc);
        var ana = await context.AddEmployeeAsync("ana");
        await context.AddInputsAsync(ana, example.Shifts, example.Windows);
        await using (var scope = context.Host.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
            db.ManualBreaks.Add(TestSupport.TestBreaks.Row(ana, "G1-brk", example.ManualBreaks[0].StartUtc, null, "Lunch"));
            await db.SaveChangesAsync();
        }
        await context.RecomputeAsync(example.NowUtc, new EmployeeDay(ana, Dec10));

        var summary = await context.Queries.GetSummaryAsync(Dec10Only);
        var board = await context.Host.Services.GetRequiredService<Productivity.Infrastructure.Floor.IFloorQueries>().LoadAsync(Dec10, example.NowUtc);
        var score = await context.Host.Services.GetRequiredService<ProductivityDbContext>().DailyScores.SingleAsync();

        summary.Kpis.ClockedInNow.ShouldBe(1);
        var person = summary.ClockedIn.ShouldHaveSingleItem();
        (person.Name, person.ClockInLocal.ToString("HH:mm"), person.OnBreak?.SinceLocal.ToString("HH:mm"), person.OnBreak?.Name)
            .ShouldBe(("ana", "07:00", "11:00", "Lunch"));
        var row = board.Rows.ShouldHaveSingleItem();
        (row.ClockedIn, row.OnBreak?.SinceLocal.ToString("HH:mm")).ShouldBe((true, "11:00"));
        summary.ClockFeed.ShouldNotContain(e => e.Kind == ClockEventKind.ClockOut, "a break is not a clock-out");
        (score.ClockedMinutes, score.ActiveMinutes, score.Sessions).ShouldBe((240, 240, 1));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GetSummary_Today_ShowsWhoIsClockedInAndTheClockFeed(string provider)
    {
        var example = SpecExample.Load("D-open-shift.json");
        var ann = SpecExample.Load("A-continuous-with-break.json");
        await using var context = await DashboardTestContext.StartAsync(provider, example.NowUtc);
        var dee = await context.AddEmployeeAsync("dee");
        var ana = await context.AddEmployeeAsync("ana");
        await context.AddInputsAsync(dee, example.Shifts, example.Windows);
        // Ana's shift ended at 12:00 local today.
        await context.AddInputsAsync(ana, [ann.Shifts[0] with { ClockOutUtc = At(12, 0) }], []);
        await context.RecomputeAsync(example.NowUtc, new EmployeeDay(dee, Dec10), new EmployeeDay(ana, Dec10));

        var summary = await context.Queries.GetSummaryAsync(Dec10Only);
        var rows = await context.Queries.GetScoresAsync(Dec10Only, new ScoreTableQuery(null, ScoreSort.Name, false, 0, 25));

        summary.IncludesToday.ShouldBeTrue();
        summary.Kpis.ClockedInNow.ShouldBe(1);
        summary.Kpis.Worked.ShouldBe(2);
        summary.ClockedIn.Select(c => (c.Name, c.ClockInLocal.ToString("HH:mm"), c.PrimaryRole)).ShouldBe([("dee", "08:00", "Film Matching")]);
        rows.Items.Select(r => (r.Name, r.IsClockedIn)).ShouldBe([("ana", false), ("dee", true)]);
        summary.ClockFeed.Select(e => (e.Name, e.Kind, e.AtLocal.ToString("HH:mm"))).ShouldBe(
        [
            ("ana", ClockEventKind.ClockOut, "12:00"),
            ("dee", ClockEventKind.ClockIn, "08:00"),
            ("ana", ClockEventKind.ClockIn, "07:00"),
        ]);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GetScores_RangeMode_TotalsDailyAverageBestDayAndDaysWorked(string provider)
    {
        var a = SpecExample.Load("A-continuous-with-break.json");
        var b = SpecExample.Load("B-batch-gaps.json");
        await using var context = await DashboardTestContext.StartAsync(provider, DayOver);
        var ana = await context.AddEmployeeAsync("ana");
        var ben = await context.AddEmployeeAsync("ben");
        // Ana works A on Dec 8, 9 and 10, without the last window (7 items) on Dec 9; Ben works B on Dec 9.
        await context.AddInputsAsync(ana, a.Shifts, a.Windows, shiftDays: -2);
        await context.AddInputsAsync(ana, a.Shifts, a.Windows.SkipLast(1), shiftDays: -1);
        await context.AddInputsAsync(ana, a.Shifts, a.Windows);
        await context.AddInputsAsync(ben, b.Shifts, b.Windows, shiftDays: -1);
        await context.RecomputeAsync(DayOver, new EmployeeDay(ana, Dec10.AddDays(-2)), new EmployeeDay(ana, Dec10.AddDays(-1)),
            new EmployeeDay(ana, Dec10), new EmployeeDay(ben, Dec10.AddDays(-1)));
        var range = new DashboardRange(Dec10.AddDays(-2), Dec10);

        var rows = (await context.Queries.GetScoresAsync(range, new ScoreTableQuery(null, ScoreSort.Name, false, 0, 25))).Items;
        var summary = await context.Queries.GetSummaryAsync(range);

        var anaRow = rows.Single(r => r.Name == "ana");
        anaRow.Items.ShouldBe(322 * 3 - 7);
        anaRow.DaysWorked.ShouldBe(3);
        anaRow.AverageItemsPerDay.ShouldBe(319.67);
        anaRow.BestDay.ShouldBe(Dec10.AddDays(-2));
        anaRow.BestDayItems.ShouldBe(322);
        anaRow.LastDay.ShouldBe(Dec10);
        anaRow.ClockedMinutes.ShouldBe(1440);
        anaRow.Utilization.ShouldBe(1);
        var benRow = rows.Single(r => r.Name == "ben");
        (benRow.DaysWorked, benRow.Items, benRow.Utilization, benRow.Performance).ShouldBe((1, 230, 0.2742, 0.4934));
        summary.Hourly.ShouldBeEmpty();
        summary.Averages.ShouldBe(new RangeAverages(
            Days: 3,
            DaysWithWork: 3,
            PeoplePerDay: 1.33,
            ItemsPerDay: 396.33,
            QcPassedPerDay: 0,
            PointsPerDay: 502.5,
            BestDay: Dec10.AddDays(-1),
            BestDayItems: 315 + 230));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GetSummary_WeekWithTheFallBackChange_CountsLocalDaysExactly(string provider)
    {
        var sunday = new DateOnly(2025, 11, 2);
        await using var context = await DashboardTestContext.StartAsync(provider, Local(2025, 11, 2, 23, 55));
        var ivy = await context.AddEmployeeAsync("ivy");
        // No shifts: every window is unclocked and belongs to the local day it starts on. 01:30 happens twice on Nov 2.
        await context.AddInputsAsync(ivy, [],
        [
            Window(1, "Picking", 1, Local(2025, 10, 26, 23, 30)),
            Window(2, "Picking", 10, Local(2025, 10, 27, 0, 30)),
            Window(3, "Picking", 100, Utc("2025-11-02T06:30:00Z")),
            Window(4, "Picking", 1000, Utc("2025-11-02T07:30:00Z")),
            Window(5, "Picking", 10000, Local(2025, 11, 2, 23, 30)),
        ]);
        await context.RecomputeAsync(Local(2025, 11, 2, 23, 55), new EmployeeDay(ivy, new DateOnly(2025, 10, 26)),
            new EmployeeDay(ivy, new DateOnly(2025, 10, 27)), new EmployeeDay(ivy, sunday));
        var week = DashboardRange.Resolve(DashboardPreset.ThisWeek, context.Queries.Today());

        var summary = await context.Queries.GetSummaryAsync(week);
        var sundayHours = (await context.Queries.GetSummaryAsync(new DashboardRange(sunday, sunday))).Hourly;

        week.ShouldBe(new DashboardRange(new DateOnly(2025, 10, 27), sunday));
        summary.Kpis.Items.ShouldBe(11110);
        summary.Departments.Single().Items.ShouldBe(11110);
        sundayHours.Count.ShouldBe(25);
        sundayHours.Select(h => h.Label).Take(4).ShouldBe(["00:00", "01:00", "01:00 (2nd)", "02:00"]);
        (sundayHours[1].Items, sundayHours[2].Items, sundayHours[24].Items).ShouldBe((100, 1000, 10000));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GetSummary_SpringForwardDay_HasTwentyThreeHours(string provider)
    {
        var day = new DateOnly(2025, 3, 9);
        await using var context = await DashboardTestContext.StartAsync(provider, Local(2025, 3, 10, 12, 0));

        var hourly = (await context.Queries.GetSummaryAsync(new DashboardRange(day, day))).Hourly;

        hourly.Count.ShouldBe(23);
        hourly.Select(h => h.Label).Take(3).ShouldBe(["00:00", "01:00", "03:00"]);
    }

    [Theory]
    [InlineData("Sqlite", false)]
    [InlineData("MySql", false)]
    [InlineData("Sqlite", true)]
    public async Task GetSummary_AfterARecompute_IsNeverStale(string provider, bool redis)
    {
        var example = SpecExample.Load("B-batch-gaps.json");
        await using var context = await DashboardTestContext.StartAsync(provider, example.NowUtc, redis);
        var ben = await context.AddEmployeeAsync("ben");
        await context.AddInputsAsync(ben, example.Shifts, example.Windows);
        await context.RecomputeAsync(example.NowUtc, new EmployeeDay(ben, Dec10));
        (await context.Queries.GetSummaryAsync(Dec10Only)).Kpis.Items.ShouldBe(230);
        (await context.Queries.GetSummaryAsync(Dec10Only)).Kpis.Items.ShouldBe(230);

        await context.AddInputsAsync(ben, [], [Window(99, "Picking", 70, At(13, 0))]);
        await context.Scoring.RecalculateAsync([new EmployeeDay(ben, Dec10)]);

        (await context.Queries.GetSummaryAsync(Dec10Only)).Kpis.Items.ShouldBe(300);
        var row = (await context.Queries.GetScoresAsync(Dec10Only, new ScoreTableQuery(null, ScoreSort.Points, true, 0, 10))).Items.Single();
        row.Items.ShouldBe(300);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GetSummary_WarmCache_SendsNoQuery(string provider)
    {
        await using var context = await DashboardTestContext.StartWithSpecExamplesAsync(provider);
        await context.Queries.GetSummaryAsync(Dec10Only);
        context.Commands.Reset();

        await context.Queries.GetSummaryAsync(Dec10Only);
        await context.Queries.GetScoresAsync(Dec10Only, new ScoreTableQuery("a", ScoreSort.Items, true, 0, 10));

        context.Commands.Count.ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Build_ManyEmployees_UsesTheSameNumberOfQueriesAsFew(string provider)
    {
        var example = SpecExample.Load("A-continuous-with-break.json");
        await using var context = await DashboardTestContext.StartAsync(provider, example.NowUtc);
        var builder = context.Host.Services.GetRequiredService<Productivity.Infrastructure.Dashboard.DashboardBuilder>();
        var pairs = new List<EmployeeDay>();
        var few = 0;
        for (var i = 0; i < 30; i++)
        {
            var id = await context.AddEmployeeAsync($"e{i:00}");
            await context.AddInputsAsync(id, example.Shifts, example.Windows);
            pairs.Add(new EmployeeDay(id, Dec10));
            if (i == 1)
            {
                await context.Scoring.RecalculateAsync(pairs);
                context.Commands.Reset();
                await builder.BuildAsync(Dec10Only);
                few = context.Commands.Count;
            }
        }
        await context.Scoring.RecalculateAsync(pairs);

        context.Commands.Reset();
        var model = await builder.BuildAsync(Dec10Only);

        model.Rows.Count.ShouldBe(30);
        context.Commands.Count.ShouldBe(few);
        few.ShouldBeLessThanOrEqualTo(7);
    }

    [Theory]
    [InlineData("ANA", ScoreSort.Name, false, new[] { "ana" })]
    [InlineData("pick", ScoreSort.Name, false, new[] { "ben" })]
    [InlineData(null, ScoreSort.Items, true, new[] { "eve", "dee", "cy", "ana", "ben" })]
    [InlineData(null, ScoreSort.Performance, false, new[] { "ben", "dee", "cy", "ana", "eve" })]
    [InlineData(null, ScoreSort.Points, true, new[] { "eve", "cy", "ana", "dee", "ben" })]
    public async Task GetScores_SearchAndSort_OnTheServer(string? search, ScoreSort sort, bool descending, string[] expected)
    {
        await using var context = await DashboardTestContext.StartWithSpecExamplesAsync("Sqlite");

        var page = await context.Queries.GetScoresAsync(Dec10Only, new ScoreTableQuery(search, sort, descending, 0, 25));

        page.Items.Select(r => r.Name).ShouldBe(expected);
        page.TotalCount.ShouldBe(expected.Length);
    }

    [Fact]
    public async Task GetScores_Paging_ReturnsThePageAndTheTotal()
    {
        await using var context = await DashboardTestContext.StartWithSpecExamplesAsync("Sqlite");

        var page = await context.Queries.GetScoresAsync(Dec10Only, new ScoreTableQuery(null, ScoreSort.Name, false, 1, 2));

        page.Items.Select(r => r.Name).ShouldBe(["cy", "dee"]);
        page.TotalCount.ShouldBe(5);
    }

    [Fact]
    public async Task GetSummary_RangeTooLong_IsRefused()
    {
        await using var context = await DashboardTestContext.StartAsync("Sqlite", DayOver);

        await Should.ThrowAsync<ArgumentOutOfRangeException>(() =>
            context.Queries.GetSummaryAsync(new DashboardRange(Dec10, Dec10.AddDays(DashboardRange.MaxDays))));
    }

    [Fact]
    public async Task Start_DailyGoalNotPositive_FailsNamingTheKey()
    {
        var error = await Should.ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            DashboardTestContext.StartAsync("Sqlite", DayOver, settings: new Dictionary<string, string?> { ["Dashboard:DailyGoal"] = "0" }));

        error.Message.ShouldContain("Dashboard:DailyGoal");
    }

    [Fact]
    public async Task GetSummary_ConfiguredGoal_IsPerDayOfTheRange()
    {
        await using var context = await DashboardTestContext.StartAsync("Sqlite", DayOver,
            settings: new Dictionary<string, string?> { ["Dashboard:DailyGoal"] = "1200" });

        var summary = await context.Queries.GetSummaryAsync(new DashboardRange(Dec10.AddDays(-6), Dec10));

        summary.Kpis.QcGoal.ShouldBe(7 * 1200);
    }
}
