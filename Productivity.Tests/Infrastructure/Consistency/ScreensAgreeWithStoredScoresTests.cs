using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Dashboard;
using Productivity.Core.EmployeeDays;
using Productivity.Core.Scoring;
using Productivity.Core.Sync;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Scoring;
using Productivity.Infrastructure.Floor;
using Productivity.Tests.Infrastructure.Dashboard;
using Productivity.Tests.TestSupport;
using Xunit.Abstractions;

namespace Productivity.Tests.Infrastructure.Consistency;

/// <summary>
/// A randomized month (day, night and split shifts, idle gaps, unclocked windows, an unknown action, the fall-back DST
/// day) stored and scored by the real recompute; then on every day the dashboard (rows, KPIs, departments, hourly
/// chart), the shop floor, the employee day and the CSV export must agree with the stored daily scores, and the
/// month's dashboard with their sums. A failure prints the seed; set PRODUCTIVITY_TEST_SEED to replay it.
/// </summary>
public sealed class ScreensAgreeWithStoredScoresTests(ITestOutputHelper output)
{
    private static readonly TimeZoneInfo Chicago = DashboardTestContext.Chicago.TimeZone;
    private static readonly DateOnly First = new(2025, 10, 20);
    // 35 days, 2 November (25 hours in Chicago) among them.
    private static readonly DateOnly Last = new(2025, 11, 23);
    private static readonly DateTime Now = new(2025, 12, 1, 18, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Actions = [.. DefaultRoles.All.Select(r => r.Action).Take(8), "Mystery Action"];

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task EveryScreen_OnEveryDayOfARandomMonth_AgreesWithTheStoredScores(string provider)
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("PRODUCTIVITY_TEST_SEED"), out var fixedSeed) ? fixedSeed : Random.Shared.Next();
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        await using var context = await DashboardTestContext.StartAsync(provider, Now);
        var pairs = new List<EmployeeDay>();
        for (var person = 0; person < 8; person++)
        {
            var id = await context.AddEmployeeAsync($"person{person}");
            var (shifts, windows) = Month(random, person);
            await context.AddInputsAsync(id, shifts, windows);
            for (var day = First.AddDays(-1); day <= Last.AddDays(1); day = day.AddDays(1))
            {
                pairs.Add(new EmployeeDay(id, day));
            }
        }
        await context.Scoring.RecalculateAsync(pairs);

        var services = context.Host.Services;
        var floor = services.GetRequiredService<IFloorQueries>();
        var employeeDays = services.GetRequiredService<IEmployeeDayQueries>();
        var admin = await TestPrincipals.AdminAsync(services);
        var stored = await StoredAsync(context);
        var export = await ExportAsync(services);
        stored.Count.ShouldBeGreaterThan(100, $"seed {seed}: the month should have scores");

        for (var day = First; day <= Last; day = day.AddDays(1))
        {
            var because = $"seed {seed}, {day:yyyy-MM-dd}";
            var scores = stored.Where(s => s.BusinessDay == day).ToDictionary(s => s.EmployeeId);
            var items = scores.Values.Sum(s => s.Items);

            var range = new DashboardRange(day, day);
            var rows = (await context.Queries.GetScoresAsync(range, new ScoreTableQuery(null, ScoreSort.Name, false, 0, 500))).Items;
            rows.Select(r => (r.EmployeeId, r.Items, r.Points, r.ClockedMinutes, r.ActiveMinutes, r.Utilization, r.Performance, r.PrimaryRole))
                .OrderBy(r => r.EmployeeId)
                .ShouldBe(scores.Values.OrderBy(s => s.EmployeeId)
                    .Select(s => (s.EmployeeId, s.Items, s.Points, s.ClockedMinutes, s.ActiveMinutes, s.Utilization, s.Performance, s.PrimaryRole)),
                    because);
            var summary = await context.Queries.GetSummaryAsync(range);
            summary.Kpis.Items.ShouldBe(items, because);
            summary.Kpis.Points.ShouldBe((double)scores.Values.Sum(s => (decimal)s.Points), because);
            summary.Departments.Sum(d => d.Items).ShouldBe(items, because);
            summary.Hourly.Sum(h => h.Items).ShouldBe(items, because);

            var board = await floor.LoadAsync(day, Now);
            board.Rows.Select(r => (r.EmployeeId, r.Items, r.Points)).OrderBy(r => r.EmployeeId)
                .ShouldBe(scores.Values.OrderBy(s => s.EmployeeId).Select(s => (s.EmployeeId, s.Items, s.Points)), because);
            foreach (var row in board.Rows)
            {
                row.Stations.Sum(s => s.Items).ShouldBe(row.Items, because);
            }
            board.Departments.Sum(d => d.Items).ShouldBe(items, because);

            foreach (var score in scores.Values)
            {
                var report = (await employeeDays.GetAsync(admin, score.EmployeeId, day))!;
                var recomputed = report.Recomputed!;
                (recomputed.Items, recomputed.Points, recomputed.ClockedMinutes, recomputed.ActiveMinutes, recomputed.Utilization,
                        recomputed.Performance, recomputed.PrimaryRole)
                    .ShouldBe((score.Items, score.Points, score.ClockedMinutes, score.ActiveMinutes, score.Utilization, score.Performance,
                        score.PrimaryRole), $"{because}, employee {score.EmployeeId}");
                report.Windows.Sum(w => w.Items).ShouldBe(score.Items, because);
                report.Actions.Sum(a => a.Items).ShouldBe(score.Items, because);
                report.Windows.Where(w => w.IsUnclocked).Sum(w => w.Items).ShouldBe(score.UnclockedItems, because);
            }

            export.Where(e => e.Day == day).Select(e => (e.EmployeeId, e.Items, e.Points)).OrderBy(e => e.EmployeeId)
                .ShouldBe(scores.Values.OrderBy(s => s.EmployeeId).Select(s => (s.EmployeeId, s.Items, s.Points)), because);
        }

        var month = new DashboardRange(First, Last);
        var inMonth = stored.Where(s => month.Contains(s.BusinessDay)).ToList();
        var monthRows = (await context.Queries.GetScoresAsync(month, new ScoreTableQuery(null, ScoreSort.Name, false, 0, 500))).Items;
        monthRows.Select(r => (r.EmployeeId, r.Items)).OrderBy(r => r.EmployeeId)
            .ShouldBe(inMonth.GroupBy(s => s.EmployeeId).OrderBy(g => g.Key).Select(g => (g.Key, g.Sum(s => s.Items))), $"seed {seed}, month");
        var monthSummary = await context.Queries.GetSummaryAsync(month);
        monthSummary.Kpis.Items.ShouldBe(inMonth.Sum(s => s.Items), $"seed {seed}, month");
        monthSummary.Departments.Sum(d => d.Items).ShouldBe(inMonth.Sum(s => s.Items), $"seed {seed}, month");
    }

    // One person's month: most days worked, each a day shift, a night shift (22:00 to 06:00) or a shift split around a
    // manual break; windows every 10 minutes with idle gaps, one just before clock-in, and now and then one outside any session.
    private static (List<ScoringShift> Shifts, List<ScoringWindow> Windows) Month(Random random, int person)
    {
        var shifts = new List<ScoringShift>();
        var windows = new List<ScoringWindow>();
        for (var day = First; day <= Last; day = day.AddDays(1))
        {
            if (random.NextDouble() < 0.25)
            {
                continue;
            }
            var kind = random.Next(3);
            var start = Utc(day, kind == 1 ? 22 : 8).AddMinutes(random.Next(-20, 20));
            var end = start.AddHours(8).AddMinutes(random.Next(0, 40));
            var id = $"p{person}-{day:yyyyMMdd}";
            if (kind == 2)
            {
                var breakStart = start.AddHours(4);
                var breakEnd = breakStart.AddMinutes(30);
                shifts.Add(new ScoringShift(id + "a", start, breakStart, [new ScoringBreak(breakStart, breakEnd)]));
                shifts.Add(new ScoringShift(id + "b", breakEnd, end, []));
            }
            else
            {
                shifts.Add(new ScoringShift(id, start, end, []));
            }
            for (var t = start.AddMinutes(-5); t < end; t = t.AddMinutes(10))
            {
                if (random.NextDouble() < 0.8)
                {
                    windows.Add(Window(random, t));
                }
            }
            if (random.NextDouble() < 0.2)
            {
                windows.Add(Window(random, end.AddHours(2)));
            }
        }
        return (shifts, windows);
    }

    private static ScoringWindow Window(Random random, DateTime startUtc) =>
        new(0, Actions[random.Next(Actions.Length)], random.Next(0, 26), startUtc, startUtc.AddMinutes(10));

    private static DateTime Utc(DateOnly day, int hour) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, 0)), Chicago);

    private static async Task<List<DailyScore>> StoredAsync(DashboardTestContext context)
    {
        await using var scope = context.Host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ProductivityDbContext>().DailyScores.AsNoTracking().ToListAsync();
    }

    private static async Task<List<(DateOnly Day, int EmployeeId, int Items, double Points)>> ExportAsync(IServiceProvider services)
    {
        var csv = await services.GetRequiredService<ScoreExport>().CsvAsync(First, Last);
        return csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => line.TrimEnd('\r').Split(','))
            .Select(cells => (DateOnly.ParseExact(cells[0], "yyyy-MM-dd", CultureInfo.InvariantCulture), int.Parse(cells[1], CultureInfo.InvariantCulture),
                int.Parse(cells[4], CultureInfo.InvariantCulture), double.Parse(cells[5], CultureInfo.InvariantCulture)))
            .ToList();
    }
}
