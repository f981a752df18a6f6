using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Productivity.Core.Activities;
using Productivity.Core.Employees;
using Productivity.Core.Realtime;
using Productivity.Core.Scoring;
using Productivity.Core.Time;
using Productivity.Core.TimeClock;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Scoring;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Infrastructure.Scoring;

/// <summary>The real recompute service on a real database, with a fixed clock, recorded notifications and a command counter.</summary>
public sealed class ScoringTestContext : IAsyncDisposable
{
    private static readonly SiteClock Chicago = new(TimeZoneInfo.FindSystemTimeZoneById("America/Chicago"));

    private ScoringTestContext(TestHost host, FakeTimeProvider time, List<ScoresUpdated> published, CommandCounter commands)
    {
        Commands = commands;
        Host = host;
        Time = time;
        Published = published;
    }

    public TestHost Host { get; }
    public FakeTimeProvider Time { get; }
    public List<ScoresUpdated> Published { get; }
    public CommandCounter Commands { get; }
    public ScoreRecalculationService Scoring => Host.Services.GetRequiredService<ScoreRecalculationService>();

    public static async Task<ScoringTestContext> StartAsync(string provider, DateTime nowUtc)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(nowUtc, TimeSpan.Zero));
        var published = new List<ScoresUpdated>();
        var commands = new CommandCounter();
        var host = await TestHost.StartAsync(provider, configureServices: services =>
        {
            TestHost.ClockAndCommandCounter(time, commands)(services);
            TestHost.WithoutAlertsAfterRecompute(services);
        });
        var context = new ScoringTestContext(host, time, published, commands);
        host.Services.GetRequiredService<IScoreUpdateFeed>().Subscribe(update =>
        {
            lock (published)
            {
                published.Add(update);
            }
            return Task.CompletedTask;
        });
        return context;
    }

    public Task<int> AddEmployeeAsync(string name) => Host.AddEmployeeAsync(name);

    /// <summary>Stores the calculator inputs as the sync would: shifts with breaks, attributed activity rows.</summary>
    /// <summary>
    /// Stores shifts, their inner breaks and <paramref name="manualBreaks"/> (beside the shifts, as Connecteam records a
    /// split shift) as the sync does, all breaks as manual-break rows; and the windows as attributed activity rows.
    /// </summary>
    public async Task AddInputsAsync(int employeeId, IEnumerable<ScoringShift> shifts, IEnumerable<ScoringWindow> windows,
        IEnumerable<ScoringBreak>? manualBreaks = null)
    {
        await using var scope = Host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
        foreach (var shift in shifts)
        {
            db.Shifts.Add(new Shift
            {
                EmployeeId = employeeId,
                ClockId = 1,
                ConnecteamShiftId = $"{employeeId}-{shift.Id}",
                ClockInUtc = shift.ClockInUtc,
                ClockOutUtc = shift.ClockOutUtc,
                BusinessDay = Chicago.BusinessDayOf(shift.ClockInUtc),
            });
        }
        var breaks = shifts.SelectMany(s => s.Breaks).Concat(manualBreaks ?? []).ToList();
        db.ManualBreaks.AddRange(breaks.Select((b, i) => TestBreaks.Row(employeeId, $"{employeeId}-b{i}-{Guid.NewGuid():N}", b.StartUtc, b.EndUtc)));
        foreach (var window in windows)
        {
            db.Activities.Add(new ActivityRecord
            {
                PodFactoryId = employeeId * 1_000_000L + window.Id,
                EmployeeId = employeeId,
                Email = $"e{employeeId}@example.test",
                Action = window.Action,
                ItemsCount = window.Items,
                WindowStartUtc = window.StartUtc,
                WindowEndUtc = window.EndUtc,
            });
        }
        await db.SaveChangesAsync();
    }

    public async Task<T> QueryAsync<T>(Func<ProductivityDbContext, Task<T>> query)
    {
        await using var scope = Host.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<ProductivityDbContext>());
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
