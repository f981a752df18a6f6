using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using Productivity.Core.Costs;
using Productivity.Core.Dashboard;
using Productivity.Core.Employees;
using Productivity.Core.Scoring;
using Productivity.Infrastructure.Costs;
using Productivity.Infrastructure.Dashboard;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Benchmarks;

/// <summary>
/// The labour-cost page's model for 500 employees over 31 days (December 2025, 15,500 stored days with costs), built cold
/// (the month's day versions just bumped: one query, aggregation, cache write) and read warm (cache hit), through the real
/// Infrastructure on SQLite or MariaDB (<c>--mysql</c>), with the in-memory cache or Redis (<c>--redis</c>).
/// </summary>
public static class CostsBenchmark
{
    private static readonly DashboardRange December = new(new DateOnly(2025, 12, 1), new DateOnly(2025, 12, 31));

    public static async Task RunAsync(string[] args, int coldIterations = 30, int warmIterations = 200)
    {
        var mySqlServer = DashboardBenchmark.Option(args, "--mysql");
        var redis = DashboardBenchmark.Option(args, "--redis");
        var employees = Options.Int(args, "--employees", DashboardBenchmark.DefaultEmployees);
        var folder = Directory.CreateTempSubdirectory("productivity-costs-bench-");
        var database = mySqlServer is null ? null : $"productivity_bench_{Guid.NewGuid():N}"[..32];
        try
        {
            if (database is not null)
            {
                await DashboardBenchmark.ExecuteAsync(mySqlServer!, $"CREATE DATABASE `{database}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            }
            var now = new DateTime(2026, 1, 2, 12, 0, 0, DateTimeKind.Utc);
            using var host = await DashboardBenchmark.StartHostAsync(folder.FullName, mySqlServer, database, redis, now);
            var rows = await SeedAsync(host.Services, employees);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"costs: {employees} employees × {December.Days} days = {rows:N0} stored days, {(database is null ? "SQLite" : "MariaDB")}, " +
                $"{(redis is null ? "in-memory cache" : "Redis cache")}"));

            var queries = host.Services.GetRequiredService<CostQueries>();
            var cache = host.Services.GetRequiredService<DashboardCache>();
            var days = Enumerable.Range(0, December.Days).Select(December.From.AddDays).ToList();
            var report = await queries.ReportAsync(December, default);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"model: {report.Employees.Count} employees, {report.Roles.Count} roles, {report.Days.Count} days, labour cost {report.Total.LabourCost:N2}"));

            var cold = await DashboardBenchmark.TimeAsync(coldIterations, async () =>
            {
                await cache.BumpAsync(days);
                return Stopwatch.StartNew();
            }, () => queries.ReportAsync(December, default));
            DashboardBenchmark.Report("cold (after a recompute of the month: query, aggregation, cache write)", cold);
            var warm = await DashboardBenchmark.TimeAsync(warmIterations, () => Task.FromResult(Stopwatch.StartNew()),
                () => queries.ReportAsync(December, default));
            DashboardBenchmark.Report("warm (cache hit on this node)", warm);
            var local = (MemoryCache)host.Services.GetRequiredService<IMemoryCache>();
            var shared = await DashboardBenchmark.TimeAsync(warmIterations, () =>
            {
                local.Compact(1.0);
                return Task.FromResult(Stopwatch.StartNew());
            }, () => queries.ReportAsync(December, default));
            DashboardBenchmark.Report("warm (hit in the shared cache only, as on a node that did not build it)", shared);
        }
        finally
        {
            if (database is not null)
            {
                MySqlConnection.ClearAllPools();
                await DashboardBenchmark.ExecuteAsync(mySqlServer!, $"DROP DATABASE IF EXISTS `{database}`");
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    // Stored days as the recompute writes them: minutes, items, primary role and the day's cost at the employee's rate.
    private static async Task<int> SeedAsync(IServiceProvider services, int employeeCount)
    {
        var roles = DefaultRoles.All.Select(r => r.RoleName).Distinct().ToArray();
        var random = new Random(14);
        var count = 0;
        for (var e = 0; e < employeeCount; e += 50)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
            var batch = Enumerable.Range(e, Math.Min(50, employeeCount - e))
                .Select(i => new Employee { Name = $"Employee {i:000}", Email = $"employee{i:000}@example.test" }).ToList();
            db.Employees.AddRange(batch);
            await db.SaveChangesAsync();
            foreach (var employee in batch)
            {
                var rate = 15m + (employee.Id % 10);
                foreach (var day in Enumerable.Range(0, December.Days).Select(December.From.AddDays))
                {
                    var clocked = 420 + random.Next(0, 120);
                    var idle = random.Next(0, 90);
                    var items = random.Next(100, 600);
                    var standard = Math.Round(clocked * (0.6 + random.NextDouble() * 0.5), 2);
                    var cost = LabourCost.OfDay(rate, clocked, idle, items, standard);
                    db.DailyScores.Add(new DailyScore
                    {
                        EmployeeId = employee.Id, BusinessDay = day, Items = items, Points = standard, ClockedMinutes = clocked,
                        PaidMinutes = clocked, ActiveMinutes = clocked - idle, IdleMinutes = idle, StandardMinutes = standard,
                        Utilization = Math.Round((clocked - idle) / (double)clocked, 4), PrimaryRole = roles[random.Next(roles.Length)],
                        Sessions = 1, HourlyRate = cost.HourlyRate, LabourCost = cost.LabourCost, IdleCost = cost.IdleCost,
                        ComputedUtc = DateTime.UtcNow,
                    });
                    count++;
                }
            }
            await db.SaveChangesAsync();
        }
        return count;
    }
}
