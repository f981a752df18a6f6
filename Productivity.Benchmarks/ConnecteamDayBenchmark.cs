using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Core.Integrations;
using Productivity.Infrastructure.Sync;

namespace Productivity.Benchmarks;

/// <summary>
/// One Connecteam day for 500 users (two shifts each, some manual breaks) read by the real ConnecteamClient over HTTP
/// from <see cref="FakeConnecteamServer"/>, and the shift sync of that day into MariaDB with the employees already synced.
/// The neighbouring days hold shifts too, because the sync reads one day either side.
/// </summary>
public static class ConnecteamDayBenchmark
{
    public const int UserCount = 500;
    private const long ClockId = FloorSeeder.ClockId;
    private static readonly DateOnly Day = new(2026, 11, 11);

    public static async Task RunAsync(int iterations)
    {
        var floor = SyntheticFloor.Build(UserCount, [Day]);
        var activities = ClockActivities(floor, [Day.AddDays(-1), Day, Day.AddDays(1)]);
        var dayShifts = activities.Count(a => !a.IsBreak && DayOf(floor, a) == Day);
        var dayBreaks = activities.Count(a => a.IsBreak && DayOf(floor, a) == Day);
        Console.WriteLine(Measurement.Invariant(
            $"connecteam-day: {UserCount} users, {Day:yyyy-MM-dd}: {dayShifts:N0} shifts and {dayBreaks:N0} manual breaks (neighbour days alike), {iterations} iterations + 1 warm-up each"));

        await using var api = await StartConnecteamAsync(floor, activities);
        await using var host = await BenchHost.StartAsync(new Dictionary<string, string?>
        {
            ["Connecteam:ApiKey"] = api.ApiKey,
            ["Connecteam:BaseUrl"] = api.BaseUrl,
            ["Connecteam:RequestsPerMinute"] = "100",
        });
        var pipeline = host.Services.GetRequiredService<SyncPipeline>();
        var employees = await pipeline.SyncEmployeesAsync("benchmark");
        Require(employees.Succeeded && employees.Run.Added == UserCount, $"employee sync added {employees.Run.Added}");
        var employeeIds = await FloorSeeder.EmployeeIdsAsync(host.Services, floor);
        // The day's PodFactory windows, so that the pipeline's recompute scores real days.
        var windows = FloorSeeder.ActivityRows(floor, floor.Windows, employeeIds);
        await ActivityBulkInsert.MultiRowInsertAsync(host.Database.ConnectionString, windows);

        var fetchDay = new Measurement("ConnecteamClient.GetTimeActivitiesAsync, 1 day", dayShifts);
        var fetchThree = new Measurement("ConnecteamClient.GetTimeActivitiesAsync, day-1..day+1 (what the sync reads)");
        var fresh = new Measurement("ShiftSyncService.SyncAsync(day), empty day", dayShifts);
        var unchanged = new Measurement("ShiftSyncService.SyncAsync(day), nothing changed", dayShifts);
        var whole = new Measurement("SyncPipeline.SyncShiftsAsync(day), empty day (+ run record + recompute)", dayShifts);

        for (var i = 0; i <= iterations; i++)
        {
            await using var scope = host.CreateScope();
            var client = scope.ServiceProvider.GetRequiredService<IConnecteamClient>();
            var read = await Time(i == 0 ? null : fetchDay, () => client.GetTimeActivitiesAsync(ClockId, Day, Day));
            Require(read.Shifts.Count == dayShifts && read.Breaks.Count == dayBreaks && read.Rejected.Count == 0,
                $"fetched {read.Shifts.Count} shifts, {read.Breaks.Count} breaks, {read.Rejected.Count} rejected");
            await Time(i == 0 ? null : fetchThree, () => client.GetTimeActivitiesAsync(ClockId, Day.AddDays(-1), Day.AddDays(1)));
        }
        for (var i = 0; i <= iterations; i++)
        {
            await ResetAsync(host);
            var added = await SyncAsync(host, i == 0 ? null : fresh);
            Require(added.Added == dayShifts && added.Rejected.Count == 0, $"sync added {added.Added}, rejected {added.Rejected.Count}");
            var again = await SyncAsync(host, i == 0 ? null : unchanged);
            Require(again.Unchanged == dayShifts && again.ChangedDays.Count == 0, $"re-sync left {again.Unchanged} unchanged, {again.ChangedDays.Count} changed days");
        }
        for (var i = 0; i <= iterations; i++)
        {
            await ResetAsync(host);
            var result = await Time(i == 0 ? null : whole, () => pipeline.SyncShiftsAsync("benchmark", Day, Day));
            Require(result.Succeeded && result.Run.Added == dayShifts, $"pipeline added {result.Run.Added}: {result.Failure?.Message}");
            Require(await host.Database.ScalarAsync("SELECT COUNT(*) FROM daily_scores") == UserCount, "the pipeline did not score every employee");
        }

        Console.WriteLine();
        Measurement.PrintTable([fetchDay, fetchThree, fresh, unchanged, whole]);
        Console.WriteLine();
        // A sync is two requests (time clocks, then time activities); above 100 in a minute the client's limiter would wait.
        Console.WriteLine(Measurement.Invariant(
            $"requests served by the fake API: {api.Requests.Count} (client budget 100 per minute{(api.Requests.Count <= 100 ? ", so no rate-limit waits" : "; some timings may include rate-limit waits")})"));
    }

    /// <summary>The floor's people on one clock in the fake Connecteam, with the day's shifts and breaks.</summary>
    private static async Task<FakeConnecteamServer> StartConnecteamAsync(SyntheticFloor floor, IEnumerable<ClockActivity> activities)
    {
        var api = await FakeConnecteamServer.StartAsync();
        api.CacheAnswers = true;
        api.AddClock(ClockId, "Warehouse", timeZone: floor.TimeZone.Id);
        foreach (var user in floor.Employees)
        {
            var name = user.Name.Split(' ', 2);
            api.AddUser(user.ConnecteamUserId, name[0], name[1], user.Email);
            api.AssignUser(ClockId, user.ConnecteamUserId);
        }
        foreach (var activity in activities)
        {
            if (activity.IsBreak)
            {
                // Inside the shift (a break made through the API without splitting), so that every user keeps the
                // same two shifts a day as in the figures recorded in the README.
                api.AddBreak(ClockId, activity.UserId, activity.Id, activity.StartUtc, activity.EndUtc, insideShift: true);
            }
            else
            {
                api.AddShift(ClockId, activity.UserId, activity.Id, activity.StartUtc, activity.EndUtc);
            }
        }
        return api;
    }

    /// <summary>Two shifts a day per user (06:00–11:30 and 12:00–14:30, a few minutes either side), a 15-minute break for every third user, a second one for every fifth.</summary>
    private static List<ClockActivity> ClockActivities(SyntheticFloor floor, IEnumerable<DateOnly> days)
    {
        var random = new Random(7);
        var activities = new List<ClockActivity>();
        var id = 0x65a0_0000_0000L;
        string NextId() => (++id).ToString("x24", CultureInfo.InvariantCulture);
        foreach (var day in days)
        {
            DateTime Local(int hour, int minute) =>
                TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, 0)).AddMinutes(minute), floor.TimeZone);
            foreach (var user in floor.Employees)
            {
                var userId = user.ConnecteamUserId;
                activities.Add(new ClockActivity(NextId(), userId, false, Local(6, random.Next(-6, 5)), Local(11, 30 + random.Next(0, 4))));
                activities.Add(new ClockActivity(NextId(), userId, false, Local(12, random.Next(0, 4)), Local(14, 30 + random.Next(-2, 9))));
                if (user.Index % 3 == 0)
                {
                    activities.Add(new ClockActivity(NextId(), userId, true, Local(9, 0), Local(9, 15)));
                }
                if (user.Index % 5 == 0)
                {
                    activities.Add(new ClockActivity(NextId(), userId, true, Local(13, 15), Local(13, 25)));
                }
            }
        }
        return activities;
    }

    private static DateOnly DayOf(SyntheticFloor floor, ClockActivity activity) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(activity.StartUtc, floor.TimeZone));

    private static async Task<SyncOutcome> SyncAsync(BenchHost host, Measurement? measurement)
    {
        return await Time(measurement, async () =>
        {
            await using var scope = host.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<ShiftSyncService>().SyncAsync(Day, Day, includeArchivedClocks: false);
        });
    }

    private static async Task ResetAsync(BenchHost host)
    {
        await host.Database.ExecuteAsync("DELETE FROM idle_periods; DELETE FROM data_quality; DELETE FROM daily_scores; DELETE FROM manual_breaks; DELETE FROM shifts");
        GC.Collect();
    }

    private static Task<T> Time<T>(Measurement? measurement, Func<Task<T>> action) => measurement is null ? action() : measurement.TimeAsync(action);

    private static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Unexpected result, the numbers would be meaningless: {what}.");
        }
    }
}
