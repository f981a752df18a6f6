using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Productivity.Core.Activities;
using Productivity.Core.Employees;
using Productivity.Core.Scoring;
using Productivity.Core.Sync;
using Productivity.Core.Time;
using Productivity.Core.TimeClock;
using Productivity.Infrastructure.Dashboard;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Scoring;
using Productivity.Tests.Core.Scoring;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Infrastructure.Dashboard;

/// <summary>
/// The real Infrastructure (recompute with its cache bump, notifier, dashboard queries) on SQLite or MariaDB, optionally
/// with the Redis cache, a fixed clock in America/Chicago and a command counter.
/// </summary>
public sealed class DashboardTestContext : IAsyncDisposable
{
    public static readonly SiteClock Chicago = new(TimeZoneInfo.FindSystemTimeZoneById("America/Chicago"));

    /// <summary>The worked examples of scoring.md, all on <see cref="SpecDay"/>.</summary>
    public static readonly string[] SpecFiles = SpecExample.SingleDayFiles;

    public static readonly DateOnly SpecDay = new(2025, 12, 10);

    /// <summary>Example D's "now" (13:00 CST); the other examples are scored a day later, when their shifts are over.</summary>
    public static readonly DateTime SpecNow = new(2025, 12, 10, 19, 0, 0, DateTimeKind.Utc);

    private readonly Dictionary<string, int> _employees = [];
    private long _nextWindowId;

    private DashboardTestContext(TestHost host, FakeTimeProvider time, CommandCounter commands)
    {
        Host = host;
        Time = time;
        Commands = commands;
    }

    public TestHost Host { get; }
    public FakeTimeProvider Time { get; }
    public CommandCounter Commands { get; }
    public DashboardQueries Queries => Host.Services.GetRequiredService<DashboardQueries>();
    public ScoreRecalculationService Scoring => Host.Services.GetRequiredService<ScoreRecalculationService>();

    public static async Task<DashboardTestContext> StartAsync(string provider, DateTime nowUtc, bool redis = false,
        IDictionary<string, string?>? settings = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(nowUtc, TimeSpan.Zero));
        var commands = new CommandCounter();
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        if (redis)
        {
            all["ConnectionStrings:Redis"] = TestEnvironment.Redis;
        }
        var host = await TestHost.StartAsync(provider, all, services =>
        {
            TestHost.ClockAndCommandCounter(time, commands)(services);
            TestHost.WithoutAlertsAfterRecompute(services);
        });
        return new DashboardTestContext(host, time, commands);
    }

    /// <summary>The id of the employee added with <paramref name="name"/>.</summary>
    public int EmployeeId(string name) => _employees[name];

    public async Task<int> AddEmployeeAsync(string name)
    {
        var id = await Host.AddEmployeeAsync(name);
        _employees[name] = id;
        return id;
    }

    /// <summary>Stores shifts (with breaks) and attributed windows as the sync would, shifted by whole days if asked.</summary>
    public async Task AddInputsAsync(int employeeId, IEnumerable<ScoringShift> shifts, IEnumerable<ScoringWindow> windows, int shiftDays = 0)
    {
        await using var scope = Host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
        foreach (var shift in shifts)
        {
            var clockIn = Shift(shift.ClockInUtc, shiftDays);
            db.Shifts.Add(new Shift
            {
                EmployeeId = employeeId,
                ClockId = 1,
                ConnecteamShiftId = $"{employeeId}-{shift.Id}-{shiftDays}",
                ClockInUtc = clockIn,
                ClockOutUtc = shift.ClockOutUtc is { } clockOut ? Shift(clockOut, shiftDays) : null,
                BusinessDay = Chicago.BusinessDayOf(clockIn),
            });
            db.ManualBreaks.AddRange(shift.Breaks.Select((b, i) => TestBreaks.Row(employeeId, $"{employeeId}-{shift.Id}-{shiftDays}-b{i}",
                Shift(b.StartUtc, shiftDays), b.EndUtc is { } end ? Shift(end, shiftDays) : null)));
        }
        foreach (var window in windows)
        {
            db.Activities.Add(new ActivityRecord
            {
                PodFactoryId = Interlocked.Increment(ref _nextWindowId),
                EmployeeId = employeeId,
                Email = $"e{employeeId}@example.test",
                Action = window.Action,
                ItemsCount = window.Items,
                WindowStartUtc = Shift(window.StartUtc, shiftDays),
                WindowEndUtc = Shift(window.EndUtc, shiftDays),
            });
        }
        await db.SaveChangesAsync();
    }

    /// <summary>Moves the clock forward to <paramref name="nowUtc"/> (a fake clock never goes back).</summary>
    public void SetNow(DateTime nowUtc) => Time.SetUtcNow(new DateTimeOffset(nowUtc, TimeSpan.Zero));

    /// <summary>Recomputes the pairs at <paramref name="nowUtc"/> (the clock stays there).</summary>
    public async Task RecomputeAsync(DateTime nowUtc, params EmployeeDay[] pairs)
    {
        SetNow(nowUtc);
        await Scoring.RecalculateAsync(pairs);
    }

    /// <summary>The five worked examples, one employee each, scored at their own "now"; the clock then stays at Dec 11 14:00 UTC.</summary>
    public static async Task<DashboardTestContext> StartWithSpecExamplesAsync(string provider)
    {
        var context = await DashboardTestContext.StartAsync(provider, SpecNow);
        var ids = new Dictionary<string, int>();
        foreach (var file in SpecFiles)
        {
            var example = SpecExample.Load(file);
            var id = await context.AddEmployeeAsync(example.Expected.Single().GetProperty("employee").GetString()!);
            await context.AddInputsAsync(id, example.Shifts, example.Windows);
            ids[file] = id;
        }
        await context.RecomputeAsync(SpecNow, new EmployeeDay(ids["D-open-shift.json"], SpecDay));
        await context.RecomputeAsync(SpecNow.AddHours(19), [.. SpecFiles.Where(f => f != "D-open-shift.json").Select(f => new EmployeeDay(ids[f], SpecDay))]);
        return context;
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    // Whole local days, so that 07:00 stays 07:00 across a daylight-saving change.
    private static DateTime Shift(DateTime utc, int days) =>
        days == 0 ? utc : TimeZoneInfo.ConvertTimeToUtc(Chicago.ToLocal(utc).AddDays(days), Chicago.TimeZone);
}
