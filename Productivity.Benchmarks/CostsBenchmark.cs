using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using Productivity.Core.Dashboard;
using Productivity.Infrastructure.Costs;
using Productivity.Infrastructure.Dashboard;

namespace Productivity.Benchmarks;

/// <summary>
/// The labour-cost page's model for 500 employees over 31 days (December 2025, 15,500 stored days with costs), built cold
/// (the month's day versions just bumped: one query, aggregation, cache write) and read warm (cache hit), through the real
/// Infrastructure on SQLite or MariaDB (<c>--mysql</c>), with the in-memory cache or Redis (<c>--redis</c>).
/// </summary>
public static class CostsBenchmark
{
    private static readonly DashboardRange December = new(StoredMonth.First, StoredMonth.Last);

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
            var rows = await StoredMonth.SeedAsync(host.Services, employees);
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
}
