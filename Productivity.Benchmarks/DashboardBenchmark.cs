using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MySqlConnector;
using Productivity.Core.Activities;
using Productivity.Core.Dashboard;
using Productivity.Core.Employees;
using Productivity.Core.Sync;
using Productivity.Core.Time;
using Productivity.Core.TimeClock;
using Productivity.Infrastructure;
using Productivity.Infrastructure.Dashboard;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Scoring;

namespace Productivity.Benchmarks;

/// <summary>
/// The dashboard's read model for 500 employees on a live day (Wednesday 2025-12-10 at 14:00 CST, day shifts still
/// open, 25 night shifts from the evening before), built cold (versions just bumped: queries + aggregation + cache
/// write) and read warm (cache hit: version reads + deserialisation), through the real Infrastructure on SQLite, or
/// MariaDB with <c>--mysql "server-level connection string"</c>, with the in-memory cache or Redis (<c>--redis host:port</c>).
/// </summary>
public static class DashboardBenchmark
{
    public const int DefaultEmployees = 500;
    private const int NightShifts = 25;
    private static readonly DateOnly Day = new(2025, 12, 10);
    private static readonly DashboardRange Today = new(Day, Day);

    public static async Task RunAsync(string[] args, int coldIterations = 30, int warmIterations = 200)
    {
        var mySqlServer = Option(args, "--mysql");
        var redis = Option(args, "--redis");
        var employeeCount = Options.Int(args, "--employees", DefaultEmployees);
        var folder = Directory.CreateTempSubdirectory("productivity-dashboard-bench-");
        var database = mySqlServer is null ? null : $"productivity_bench_{Guid.NewGuid():N}"[..32];
        try
        {
            if (database is not null)
            {
                await ExecuteAsync(mySqlServer!, $"CREATE DATABASE `{database}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            }
            var month = SyntheticMonth.Build(employeeCount);
            var zone = month.TimeZone;
            var now = TimeZoneInfo.ConvertTimeToUtc(Day.ToDateTime(new TimeOnly(14, 0)), zone);
            using var host = await StartHostAsync(folder.FullName, mySqlServer, database, redis, now);
            var seconds = Stopwatch.StartNew();
            var windows = await SeedAsync(host.Services, month, new SiteClock(zone), now);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"dashboard: {employeeCount} employees, {windows:N0} activity windows on {Day:yyyy-MM-dd} and the day before, " +
                $"{(database is null ? "SQLite" : "MariaDB")}, {(redis is null ? "in-memory cache" : "Redis cache")} (seeded and scored in {seconds.Elapsed.TotalSeconds:F0} s)"));

            var queries = host.Services.GetRequiredService<DashboardQueries>();
            var cache = host.Services.GetRequiredService<DashboardCache>();
            var model = await queries.GetModelAsync(Today);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"model: {model.Rows.Count} rows, {model.Summary.Kpis.Items:N0} items, {model.Summary.Kpis.ClockedInNow} clocked in, " +
                $"{model.Summary.Departments.Count} departments, {model.Summary.Hourly.Count} hours"));

            var cold = await TimeAsync(coldIterations, async () =>
            {
                await cache.BumpAsync([Day]);
                return Stopwatch.StartNew();
            }, () => queries.GetModelAsync(Today));
            Report("cold (after a recompute: queries, aggregation, cache write)", cold);
            var warm = await TimeAsync(warmIterations, () => Task.FromResult(Stopwatch.StartNew()), () => queries.GetModelAsync(Today));
            Report("warm (cache hit on this node)", warm);
            var local = (MemoryCache)host.Services.GetRequiredService<IMemoryCache>();
            var shared = await TimeAsync(warmIterations, () =>
            {
                local.Compact(1.0);
                return Task.FromResult(Stopwatch.StartNew());
            }, () => queries.GetModelAsync(Today));
            Report("warm (hit in the shared cache only, as on a node that did not build it)", shared);
            var page = await TimeAsync(warmIterations, () => Task.FromResult(Stopwatch.StartNew()), async () =>
            {
                await queries.GetSummaryAsync(Today);
                return await queries.GetScoresAsync(Today, new ScoreTableQuery(null, ScoreSort.Points, true, 0, 25));
            });
            Report("warm page reload (summary + first 25 rows)", page);
        }
        finally
        {
            if (database is not null)
            {
                MySqlConnection.ClearAllPools();
                await ExecuteAsync(mySqlServer!, $"DROP DATABASE IF EXISTS `{database}`");
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    internal static async Task<IHost> StartHostAsync(string folder, string? mySqlServer, string? database, string? redis, DateTime nowUtc)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = "Benchmark",
            ContentRootPath = folder,
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Data:Folder"] = folder,
            ["Jobs:Enabled"] = "false",
            ["Seed:AdminEmail"] = "admin@example.test",
            ["Seed:AdminPassword"] = "Benchmark-Admin-Password",
            ["Database:Provider"] = database is null ? "Sqlite" : "MySql",
            ["Database:ServerVersion"] = database is null ? null : "10.11-mariadb",
            ["ConnectionStrings:Productivity"] = database is null ? null
                : new MySqlConnectionStringBuilder(mySqlServer!) { Database = database }.ConnectionString,
            ["ConnectionStrings:Redis"] = redis,
        });
        builder.Logging.ClearProviders();
        builder.AddInfrastructure();
        builder.Services.AddSingleton<TimeProvider>(new FixedTimeProvider(new DateTimeOffset(nowUtc, TimeSpan.Zero)));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>The synthetic month's Dec 9 and 10 (today's shifts still open at 14:00, windows up to now) plus night shifts.</summary>
    private static async Task<int> SeedAsync(IServiceProvider services, SyntheticMonth month, SiteClock clock, DateTime nowUtc)
    {
        var (dayStart, _) = clock.UtcRangeOf(Day.AddDays(-1));
        var count = 0;
        var pairs = new List<EmployeeDay>();
        for (var e = 0; e < month.Employees.Count; e += 50)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
            var employees = Enumerable.Range(e, Math.Min(50, month.Employees.Count - e))
                .Select(i => new Employee { Name = $"Employee {i:000}", Email = $"employee{i:000}@example.test" })
                .ToList();
            db.Employees.AddRange(employees);
            await db.SaveChangesAsync();
            for (var i = 0; i < employees.Count; i++)
            {
                var index = e + i;
                var id = employees[i].Id;
                var source = month.Employees[index];
                var night = index < NightShifts;
                foreach (var shift in source.Shifts.Where(s => s.ClockInUtc >= dayStart && s.ClockInUtc < nowUtc && !(night && clock.BusinessDayOf(s.ClockInUtc) == Day)))
                {
                    var today = clock.BusinessDayOf(shift.ClockInUtc) == Day;
                    db.Shifts.Add(new Shift
                    {
                        EmployeeId = id,
                        ClockId = 1,
                        ConnecteamShiftId = $"{id}-{shift.Id}",
                        ClockInUtc = shift.ClockInUtc,
                        ClockOutUtc = today ? null : shift.ClockOutUtc,
                        BusinessDay = clock.BusinessDayOf(shift.ClockInUtc),
                    });
                    db.ManualBreaks.AddRange(shift.Breaks.Where(b => b.StartUtc < nowUtc).Select((b, n) => new ManualBreak
                    {
                        EmployeeId = id,
                        ClockId = 1,
                        ConnecteamBreakId = $"{id}-{shift.Id}-b{n}",
                        StartUtc = b.StartUtc,
                        EndUtc = b.EndUtc,
                        BusinessDay = clock.BusinessDayOf(b.StartUtc),
                    }));
                }
                var windows = source.Windows.Where(w => w.StartUtc >= dayStart && w.EndUtc <= nowUtc).ToList();
                if (night)
                {
                    // Instead of today's day shift: the evening before, 22:00 to 06:00, 10-minute windows of Labeling.
                    var clockIn = dayStart.AddHours(22);
                    db.Shifts.Add(new Shift
                    {
                        EmployeeId = id, ClockId = 1, ConnecteamShiftId = $"{id}-night", ClockInUtc = clockIn,
                        ClockOutUtc = clockIn.AddHours(8), BusinessDay = Day.AddDays(-1),
                    });
                    windows = windows.Where(w => clock.BusinessDayOf(w.StartUtc) != Day).ToList();
                    windows.AddRange(Enumerable.Range(0, 47).Select(n => new Core.Scoring.ScoringWindow(
                        10_000_000 + (index * 100) + n, "Labeling", 30, clockIn.AddMinutes(10 * n), clockIn.AddMinutes(10 * (n + 1)))));
                }
                db.Activities.AddRange(windows.Select(w => new ActivityRecord
                {
                    PodFactoryId = w.Id,
                    EmployeeId = id,
                    Email = $"employee{index:000}@example.test",
                    Action = w.Action,
                    ItemsCount = w.Items,
                    WindowStartUtc = w.StartUtc,
                    WindowEndUtc = w.EndUtc,
                    SourceCreatedUtc = w.EndUtc,
                    UpdatedUtc = w.EndUtc,
                }));
                count += windows.Count;
                pairs.Add(new EmployeeDay(id, Day.AddDays(-1)));
                pairs.Add(new EmployeeDay(id, Day));
            }
            await db.SaveChangesAsync();
        }
        await services.GetRequiredService<ScoreRecalculationService>().RecalculateAsync(pairs);
        return count;
    }

    internal static async Task<double[]> TimeAsync<T>(int iterations, Func<Task<Stopwatch>> start, Func<Task<T>> work)
    {
        for (var i = 0; i < 3; i++)
        {
            await start();
            await work();
        }
        var times = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var stopwatch = await start();
            await work();
            times[i] = stopwatch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return times;
    }

    internal static void Report(string what, double[] times)
    {
        var median = times[times.Length / 2];
        var p95 = times[Math.Min(times.Length - 1, (int)Math.Ceiling(times.Length * 0.95) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: median {median:F1} ms, p95 {p95:F1} ms, min {times[0]:F1} ms ({times.Length} runs)"));
    }

    internal static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    internal static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
