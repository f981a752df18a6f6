using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Activities;
using Productivity.Core.Time;
using Productivity.Core.TimeClock;
using Productivity.Core.Sync;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Scoring;
using Productivity.Infrastructure.Floor;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Infrastructure.Floor;

public sealed class FloorQueriesTests
{
    private static readonly SiteClock Chicago = new(TimeZoneInfo.FindSystemTimeZoneById("America/Chicago"));
    private static readonly DateOnly Dec10 = new(2025, 12, 10);
    // 14:00 in Chicago.
    private static readonly DateTime Now = new(2025, 12, 10, 20, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Morning = new(2025, 12, 10, 13, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task Load_Day_RanksByPointsWithItemsRateStationsAndClockStatus(string provider)
    {
        await using var host = await StartAsync(provider);

        var board = await host.Services.GetRequiredService<IFloorQueries>().LoadAsync(Dec10, Now);

        board.Rows.Select(r => (r.Rank, r.Name, r.Items, r.Points, r.ItemsPerMinute, r.ClockedIn)).ShouldBe(
        [
            (1, "Ben Ng", 50, 75.25, 0.56, false),
            (2, "Ana Lopez", 102, 40.5, 1.7, true),
        ]);
        board.Rows[1].Stations.ShouldBe([new StationCount("Picking", 90), new StationCount("QC Passed", 12)]);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task Load_Day_TeamTotalsCountEveryRowOfTheDayOnly(string provider)
    {
        await using var host = await StartAsync(provider);

        var board = await host.Services.GetRequiredService<IFloorQueries>().LoadAsync(Dec10, Now);

        board.QcPassedItems.ShouldBe(42);
        board.Departments.ShouldBe(
        [
            new DepartmentTotal("Picking", 90, 1),
            new DepartmentTotal("Heat Press", 50, 1),
            new DepartmentTotal("Packing", 42, 1),
        ]);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task Load_NightShiftSplitAfterMidnight_ItsLaterPartsWindowsBelongToTheDayBefore(string provider)
    {
        await using var host = await StartAsync(provider);
        int hal;
        await using (var scope = host.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
            // 22:00 on the 9th to 02:00, a break to 02:30 (the time clock closed and reopened the shift), then to 06:00.
            hal = await FloorTestData.AddEmployeeDayAsync(db, "Hal Split", Dec10.AddDays(-1), new DateTime(2025, 12, 10, 5, 0, 0, DateTimeKind.Utc),
                20, 30, [("Labeling", 10)]);
            db.Shifts.Add(new Shift
            {
                EmployeeId = hal, ClockId = 1, ConnecteamShiftId = "hal-a", ClockInUtc = new DateTime(2025, 12, 10, 4, 0, 0, DateTimeKind.Utc),
                ClockOutUtc = new DateTime(2025, 12, 10, 8, 0, 0, DateTimeKind.Utc), BusinessDay = Dec10.AddDays(-1), UpdatedUtc = Now,
            });
            db.Shifts.Add(new Shift
            {
                EmployeeId = hal, ClockId = 1, ConnecteamShiftId = "hal-b", ClockInUtc = new DateTime(2025, 12, 10, 8, 30, 0, DateTimeKind.Utc),
                ClockOutUtc = new DateTime(2025, 12, 10, 12, 0, 0, DateTimeKind.Utc), BusinessDay = Dec10, UpdatedUtc = Now,
            });
            db.ManualBreaks.Add(TestBreaks.Row(hal, "hal-brk", new DateTime(2025, 12, 10, 8, 0, 0, DateTimeKind.Utc),
                new DateTime(2025, 12, 10, 8, 30, 0, DateTimeKind.Utc)));
            // 03:00 local on the 10th, in the later part: the 9th's.
            db.Activities.Add(Window(hal, "Labeling", 40, new DateTime(2025, 12, 10, 9, 0, 0, DateTimeKind.Utc)));
            await db.SaveChangesAsync();
        }
        // The recompute decides and stores where Hal's windows belong; the board reads that.
        await RescoreAsync(host, hal);

        var board = await host.Services.GetRequiredService<IFloorQueries>().LoadAsync(Dec10, Now);

        board.Departments.Sum(d => d.Items).ShouldBe(182, "the 40 Labeling items of Hal's night belong to the 9th");
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task Load_OpenShiftPastTheStoredCap_IsNotClockedIn(string provider)
    {
        await using var host = await StartAsync(provider);
        await using (var scope = host.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
            await StoredScoringSettings.SetOpenShiftCapAsync(db, 10);
            await FloorTestData.AddEmployeeDayAsync(db, "Dee Forgot", Dec10, Morning, 10, 30, [("Picking", 5)], openShiftSinceUtc: Now.AddHours(-12));
        }

        var board = await host.Services.GetRequiredService<IFloorQueries>().LoadAsync(Dec10, Now);

        board.Rows.Where(r => r.Name is "Ana Lopez" or "Dee Forgot").Select(r => (r.Name, r.ClockedIn))
            .ShouldBe([("Ana Lopez", true), ("Dee Forgot", false)]);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task Load_WindowAfterTheStoredCapOfYesterdaysOpenShift_CountsToday(string provider)
    {
        await using var host = await StartAsync(provider);
        await using (var scope = host.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
            await StoredScoringSettings.SetOpenShiftCapAsync(db, 10);
            // Clocked in at 22:00 the evening before and never out; the window at 09:00 is 11 hours later, past the cap.
            var eli = await FloorTestData.AddEmployeeDayAsync(db, "Eli Night", Dec10, Morning.AddHours(2), 10, 30, [("Film Matching", 33)]);
            db.Shifts.Add(new Shift
            {
                EmployeeId = eli, ClockId = 1, ConnecteamShiftId = "forgotten", ClockInUtc = new DateTime(2025, 12, 10, 4, 0, 0, DateTimeKind.Utc),
                BusinessDay = Dec10.AddDays(-1), UpdatedUtc = Now,
            });
            await db.SaveChangesAsync();
            await RescoreAsync(host, eli);
        }

        var board = await host.Services.GetRequiredService<IFloorQueries>().LoadAsync(Dec10, Now);

        board.Rows.Single(r => r.Name == "Eli Night").Stations.ShouldBe([new StationCount("Film Matching", 33)]);
        board.Departments.ShouldContain(new DepartmentTotal("Film Matching", 33, 1));
    }

    [Fact]
    public async Task Load_DailyGoal_ComesFromConfigurationWithADefault()
    {
        await using var configured = await StartAsync("Sqlite", new Dictionary<string, string?> { ["Dashboard:DailyGoal"] = "2000" });
        await using var defaulted = await StartAsync("Sqlite");

        (await configured.Services.GetRequiredService<IFloorQueries>().LoadAsync(Dec10, Now)).DailyGoal.ShouldBe(2000);
        (await defaulted.Services.GetRequiredService<IFloorQueries>().LoadAsync(Dec10, Now)).DailyGoal.ShouldBe(3000);
    }

    [Fact]
    public async Task Load_DayWithoutScores_IsEmpty()
    {
        await using var host = await StartAsync("Sqlite");

        var board = await host.Services.GetRequiredService<IFloorQueries>().LoadAsync(Dec10.AddDays(1), Now);

        board.Rows.ShouldBeEmpty();
        board.Departments.ShouldBeEmpty();
        board.QcPassedItems.ShouldBe(0);
    }

    private static async Task<TestHost> StartAsync(string provider, Dictionary<string, string?>? settings = null)
    {
        var host = await TestHost.StartAsync(provider, settings);
        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
        var ana = await FloorTestData.AddEmployeeDayAsync(db, "Ana Lopez", Dec10, Morning, 40.5, 60,
            [("Picking", 90), ("QC Passed", 12)], openShiftSinceUtc: Now.AddHours(-6));
        var ben = await FloorTestData.AddEmployeeDayAsync(db, "Ben Ng", Dec10, Morning, 75.25, 90, [("In Production", 50)]);
        // A forgotten clock-out two days ago is not "clocked in".
        db.Shifts.Add(new Shift
        {
            EmployeeId = ben, ClockId = 1, ConnecteamShiftId = "old", ClockInUtc = Now.AddDays(-2), BusinessDay = Dec10.AddDays(-2), UpdatedUtc = Now,
        });
        // A night shift from 22:00 the evening before to 06:00: its windows after midnight belong to 9 December.
        var cara = await FloorTestData.AddEmployeeDayAsync(db, "Cara Diaz", Dec10.AddDays(-1), new DateTime(2025, 12, 10, 7, 0, 0, DateTimeKind.Utc),
            20, 30, [("Picking", 70)]);
        db.Shifts.Add(new Shift
        {
            EmployeeId = cara, ClockId = 1, ConnecteamShiftId = "night", ClockInUtc = new DateTime(2025, 12, 10, 4, 0, 0, DateTimeKind.Utc),
            ClockOutUtc = new DateTime(2025, 12, 10, 12, 0, 0, DateTimeKind.Utc), BusinessDay = Dec10.AddDays(-1), UpdatedUtc = Now,
        });
        db.Activities.Add(Window(null, "QC Passed", 30, Morning.AddHours(1)));
        // 23:30 on the 9th, outside any session: stored as the 9th's (unclocked, the day it starts).
        var lateWindow = Window(ana, "Picking", 500, Chicago.UtcRangeOf(Dec10).StartUtc.AddMinutes(-30));
        lateWindow.BusinessDay = Dec10.AddDays(-1);
        db.Activities.Add(lateWindow);
        await db.SaveChangesAsync();
        return host;
    }

    // The real recompute of one person's two days: it stores each window's day (and replaces the seeded scores).
    private static Task<int> RescoreAsync(TestHost host, int employeeId) =>
        host.Services.GetRequiredService<ScoreRecalculationService>()
            .RecalculateAsync([new EmployeeDay(employeeId, Dec10.AddDays(-1)), new EmployeeDay(employeeId, Dec10)]);

    private static ActivityRecord Window(int? employeeId, string action, int items, DateTime startUtc) => new()
    {
        PodFactoryId = Random.Shared.NextInt64(1, long.MaxValue),
        EmployeeId = employeeId,
        Email = "someone@example.test",
        Action = action,
        ItemsCount = items,
        WindowStartUtc = startUtc,
        WindowEndUtc = startUtc.AddMinutes(10),
        SourceCreatedUtc = startUtc,
        UpdatedUtc = startUtc,
    };
}
