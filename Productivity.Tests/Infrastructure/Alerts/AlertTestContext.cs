using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Productivity.Core.Activities;
using Productivity.Core.Alerts;
using Productivity.Core.Realtime;
using Productivity.Core.Time;
using Productivity.Core.TimeClock;
using Productivity.Infrastructure.Alerts;
using Productivity.Infrastructure.Persistence;
using Productivity.TestSupport;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Infrastructure.Alerts;

/// <summary>The real evaluation on a real database (SQLite or MariaDB) with a fake clock and the published changes recorded.</summary>
public sealed class AlertTestContext : IAsyncDisposable
{
    private long _nextId = 1;

    private AlertTestContext(TestHost host, FakeTimeProvider time)
    {
        Host = host;
        Time = time;
    }

    public TestHost Host { get; }
    public FakeTimeProvider Time { get; }
    public List<AlertsChanged> Published { get; } = [];
    public AlertEvaluationService Evaluation => Host.Services.GetRequiredService<AlertEvaluationService>();
    public SiteClock SiteClock => Host.Services.GetRequiredService<SiteClock>();
    public DateTime Now => Time.GetUtcNow().UtcDateTime;

    public static async Task<AlertTestContext> StartAsync(string provider, DateTime nowUtc, MySqlTestDatabase? sharedDatabase = null,
        CommandCounter? commands = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(nowUtc, TimeSpan.Zero));
        var host = await TestHost.StartAsync(provider, configureServices: TestHost.ClockAndCommandCounter(time, commands ?? new CommandCounter()),
            sharedDatabase: sharedDatabase);
        var context = new AlertTestContext(host, time);
        host.Services.GetRequiredService<IAlertFeed>().Subscribe(change =>
        {
            lock (context.Published)
            {
                context.Published.Add(change);
            }
            return Task.CompletedTask;
        });
        return context;
    }

    public void Advance(double minutes) => Time.Advance(TimeSpan.FromMinutes(minutes));

    public Task<AlertEvaluationResult> EvaluateAsync(IReadOnlyCollection<int>? scope = null) => Evaluation.EvaluateAsync(scope);

    public Task<int> AddEmployeeAsync(string name) => Host.AddEmployeeAsync(name);

    public async Task<long> AddShiftAsync(int employeeId, DateTime clockInUtc, DateTime? clockOutUtc = null)
    {
        var shift = new Shift
        {
            EmployeeId = employeeId,
            ClockId = 1,
            ConnecteamShiftId = $"s{Interlocked.Increment(ref _nextId)}-{Guid.NewGuid():N}"[..30],
            ClockInUtc = clockInUtc,
            ClockOutUtc = clockOutUtc,
            BusinessDay = SiteClock.BusinessDayOf(clockInUtc),
            UpdatedUtc = clockInUtc,
        };
        await WriteAsync(db => db.Shifts.Add(shift));
        return shift.Id;
    }

    /// <summary>A window of <paramref name="employeeId"/> (null: an unmapped e-mail's row) ending at <paramref name="endUtc"/>.</summary>
    public Task AddWindowAsync(int? employeeId, DateTime endUtc, string action = "In Production", int items = 7, string? email = null) =>
        WriteAsync(db => db.Activities.Add(new ActivityRecord
        {
            PodFactoryId = Interlocked.Increment(ref _nextId) + 1_000_000,
            EmployeeId = employeeId,
            Email = email ?? $"e{employeeId}@example.test",
            Action = action,
            ItemsCount = items,
            WindowStartUtc = endUtc.AddMinutes(-10),
            WindowEndUtc = endUtc,
            SourceCreatedUtc = endUtc,
            UpdatedUtc = endUtc,
        }));

    public async Task WriteAsync(Action<ProductivityDbContext> change)
    {
        await using var scope = Host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
        change(db);
        await db.SaveChangesAsync();
    }

    public async Task<T> QueryAsync<T>(Func<ProductivityDbContext, Task<T>> query)
    {
        await using var scope = Host.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<ProductivityDbContext>());
    }

    public Task<List<Alert>> AlertsAsync(AlertKind? kind = null) =>
        QueryAsync(db => db.Alerts.AsNoTracking().Where(a => kind == null || a.Kind == kind).OrderBy(a => a.Id).ToListAsync());

    public Task EditRuleAsync(AlertKind kind, Action<AlertRule> edit) => QueryAsync(async db =>
    {
        var rule = await db.AlertRules.SingleAsync(r => r.Kind == kind);
        edit(rule);
        return await db.SaveChangesAsync();
    });

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
