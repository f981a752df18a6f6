using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using Productivity.Core.Scoring;
using Productivity.Core.Sync;
using Productivity.Core.Time;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Scoring;

namespace Productivity.Benchmarks;

/// <summary>
/// <see cref="ScoreRecalculationService.RecalculateAsync"/> of one full business day for 500 employees on MariaDB
/// (the day before is stored too, as in production), with the read (<see cref="ScoreInputs"/>, and a plain
/// MySqlConnector read of the same rows) and the calculator timed on their own so that the write can be derived.
/// </summary>
public static class RecomputeBenchmark
{
    public const int DefaultEmployees = 500;
    private static readonly DateOnly Day = new(2026, 11, 11);

    /// <param name="telemetry">The site's tracing and metrics on, exporting to a local <see cref="OtlpSink"/>.</param>
    public static async Task RunAsync(int iterations, int employeeCount = DefaultEmployees, bool telemetry = false)
    {
        var floor = SyntheticFloor.Build(employeeCount, [Day.AddDays(-1), Day]);
        await using var sink = telemetry ? await OtlpSink.StartAsync() : null;
        await using var host = await BenchHost.StartAsync(configureServices: sink is null ? null : sink.AddTo);
        Console.WriteLine(sink is null ? "telemetry off (nothing configured)" : $"telemetry on: traces and metrics over OTLP/HTTP to {sink.Endpoint}");
        var employeeIds = await FloorSeeder.AddEmployeesAsync(host.Services, floor, withMappings: false);
        await FloorSeeder.AddShiftsAsync(host.Services, floor, employeeIds);
        await ActivityBulkInsert.MultiRowInsertAsync(host.Database.ConnectionString, FloorSeeder.ActivityRows(floor, floor.Windows, employeeIds));
        var dayWindows = floor.Windows.Count(w => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(w.StartUtc, floor.TimeZone)) == Day);
        Console.WriteLine(Measurement.Invariant(
            $"recompute: {employeeCount} employees, {Day:yyyy-MM-dd}: {floor.Shifts.Count / 2} shifts with a lunch break, {dayWindows:N0} windows ({floor.Windows.Count:N0} stored over 2 days), {iterations} iterations + 2 warm-ups each"));

        var pairs = employeeIds.Select(id => new EmployeeDay(id, Day)).ToList();
        var service = host.Services.GetRequiredService<ScoreRecalculationService>();
        var contextFactory = host.Services.GetRequiredService<IDbContextFactory<ProductivityDbContext>>();
        var siteClock = host.Services.GetRequiredService<SiteClock>();

        var total = new Measurement($"RecalculateAsync, {pairs.Count} employee-days (read, compute, write, notify)", pairs.Count);
        var setup = new Measurement("  calculator setup: roles + settings (2 queries)");
        var read = new Measurement("  read: ScoreInputs.LoadAsync (EF, 2 queries)");
        var plainRead = new Measurement("  read: same rows, plain MySqlConnector (comparison)");
        var compute = new Measurement("  compute: ScoreCalculator + row mapping, in memory", pairs.Count);

        // The first recompute of the day also stores every window's attribution (all of them new); later ones change none.
        var first = Stopwatch.StartNew();
        Require(await service.RecalculateAsync(pairs) == employeeCount, "the first recompute wrote too few scores");
        Console.WriteLine(Measurement.Invariant($"first recompute of the day (stores the attribution of every window): {first.Elapsed.TotalMilliseconds:F0} ms"));
        for (var i = 0; i < iterations + 2; i++)
        {
            GC.Collect();
            var written = await Time(i < 2 ? null : total, () => service.RecalculateAsync(pairs));
            Require(written == employeeCount, $"RecalculateAsync wrote {written} scores");
        }
        ScoreInputs? inputs = null;
        ScoreCalculator? calculator = null;
        for (var i = 0; i < iterations + 2; i++)
        {
            await using var db = await contextFactory.CreateDbContextAsync();
            calculator = await Time(i < 2 ? null : setup, () => StoredScoringParameters.CalculatorAsync(db, siteClock.TimeZone, CancellationToken.None));
            inputs = await Time(i < 2 ? null : read, () => ScoreInputs.LoadAsync(db, siteClock, employeeIds, Day, Day, CancellationToken.None));
            var rows = await Time(i < 2 ? null : plainRead, () => PlainReadAsync(host.Database.ConnectionString, siteClock, employeeIds));
            Require(rows == (floor.Shifts.Count, floor.Windows.Count), $"the plain read found {rows}");
        }
        var rowCounts = (Scores: 0, Idle: 0, Quality: 0);
        for (var i = 0; i < iterations + 2; i++)
        {
            var start = CpuSnapshot.Take();
            rowCounts = Compute(calculator!, inputs!, employeeIds);
            if (i >= 2)
            {
                compute.Add(start);
            }
        }

        Console.WriteLine();
        Measurement.PrintTable([total, setup, read, plainRead, compute]);
        var write = total.Median - setup.Median - read.Median - compute.Median;
        Console.WriteLine();
        Console.WriteLine(Measurement.Invariant(
            $"split of the median RecalculateAsync {total.Median:F0} ms: read {setup.Median + read.Median:F0} ms (setup {setup.Median:F0} + inputs {read.Median:F0}), compute {compute.Median:F0} ms, write + notify (derived: total - read - compute) {write:F0} ms"));
        Console.WriteLine(Measurement.Invariant(
            $"rows written per recompute: {rowCounts.Scores} daily_scores, {rowCounts.Idle} idle_periods, {rowCounts.Quality} data_quality (after deleting the day's old rows); target <= {(employeeCount > DefaultEmployees ? 2000 : 1000):N0} ms: {(total.Median <= (employeeCount > DefaultEmployees ? 2000 : 1000) ? "met" : "NOT met")}"));
    }

    /// <summary>What the service does between read and write: calculate each employee and map the results to rows.</summary>
    private static (int Scores, int Idle, int Quality) Compute(ScoreCalculator calculator, ScoreInputs inputs, int[] employeeIds)
    {
        var now = DateTime.UtcNow;
        var scores = new List<DailyScore>();
        var idle = new List<IdlePeriodRecord>();
        var quality = new List<DataQualityRecord>();
        foreach (var employeeId in employeeIds)
        {
            var (shifts, windows) = inputs.For(employeeId);
            foreach (var day in calculator.Calculate(shifts, windows, now, Day, Day))
            {
                scores.Add(ScoreRows.Score(employeeId, day, now, Productivity.Core.Costs.RateBook.Empty));
                idle.AddRange(day.IdlePeriods.Select(p => ScoreRows.Idle(employeeId, day.BusinessDay, p)));
                quality.AddRange(day.Flags.Select(f => ScoreRows.Quality(employeeId, day.BusinessDay, f)));
            }
        }
        return (scores.Count, idle.Count, quality.Count);
    }

    /// <summary>The rows ScoreInputs reads (shifts and manual breaks of day-1..day+1, windows starting in those days), without EF.</summary>
    private static async Task<(int Shifts, int Windows)> PlainReadAsync(string connectionString, SiteClock siteClock, int[] employeeIds)
    {
        var (from, _) = siteClock.UtcRangeOf(Day.AddDays(-1));
        var (_, to) = siteClock.UtcRangeOf(Day.AddDays(1));
        var ids = string.Join(",", employeeIds);
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        var shifts = new List<(int EmployeeId, DateTime In, DateTime? Out)>();
        var breaks = new List<(int EmployeeId, DateTime Start, DateTime? End)>();
        await using (var command = new MySqlCommand(
            $"SELECT EmployeeId, ClockInUtc, ClockOutUtc FROM shifts WHERE EmployeeId IN ({ids}) AND BusinessDay >= @from AND BusinessDay <= @to; " +
            $"SELECT EmployeeId, StartUtc, EndUtc FROM manual_breaks WHERE EmployeeId IN ({ids}) AND BusinessDay >= @from AND BusinessDay <= @to", connection))
        {
            command.Parameters.AddWithValue("@from", Day.AddDays(-1).ToDateTime(TimeOnly.MinValue));
            command.Parameters.AddWithValue("@to", Day.AddDays(1).ToDateTime(TimeOnly.MinValue));
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                shifts.Add((reader.GetInt32(0), reader.GetDateTime(1), reader.IsDBNull(2) ? null : reader.GetDateTime(2)));
            }
            await reader.NextResultAsync();
            while (await reader.ReadAsync())
            {
                breaks.Add((reader.GetInt32(0), reader.GetDateTime(1), reader.IsDBNull(2) ? null : reader.GetDateTime(2)));
            }
        }
        var windows = new List<(int EmployeeId, ScoringWindow Window)>();
        await using (var command = new MySqlCommand(
            $"SELECT EmployeeId, PodFactoryId, Action, ItemsCount, WindowStartUtc, WindowEndUtc FROM activities " +
            $"WHERE EmployeeId IN ({ids}) AND WindowStartUtc >= @from AND WindowStartUtc < @to", connection))
        {
            command.Parameters.AddWithValue("@from", from);
            command.Parameters.AddWithValue("@to", to);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                windows.Add((reader.GetInt32(0), new ScoringWindow(reader.GetInt64(1), reader.GetString(2), reader.GetInt32(3), reader.GetDateTime(4), reader.GetDateTime(5))));
            }
        }
        return (shifts.Count, windows.Count);
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
