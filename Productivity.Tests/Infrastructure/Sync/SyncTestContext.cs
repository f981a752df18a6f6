using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Productivity.Core.Integrations;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Sync;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Infrastructure.Sync;

/// <summary>The real sync services on a real database (SQLite or MariaDB) with scriptable sources and a fixed clock.</summary>
public sealed class SyncTestContext : IAsyncDisposable
{
    /// <summary>2025-12-10 in Central Time is UTC−6.</summary>
    public static readonly DateTime Day = new(2025, 12, 10, 0, 0, 0, DateTimeKind.Utc);

    private SyncTestContext(TestHost host, InMemoryConnecteam connecteam, InMemoryPodFactory podFactory, FakeTimeProvider time)
    {
        Host = host;
        Connecteam = connecteam;
        PodFactory = podFactory;
        Time = time;
    }

    public TestHost Host { get; }
    public InMemoryConnecteam Connecteam { get; }
    public InMemoryPodFactory PodFactory { get; }
    public FakeTimeProvider Time { get; }
    public SyncPipeline Pipeline => Host.Services.GetRequiredService<SyncPipeline>();

    /// <summary>Central-time wall clock on 2025-12-10 (plus <paramref name="days"/>) as UTC.</summary>
    public static DateTime Local(int hour, int minute = 0, int days = 0) => Day.AddDays(days).AddHours(hour + 6).AddMinutes(minute);

    public static async Task<SyncTestContext> StartAsync(string provider, DateTime? nowUtc = null)
    {
        var connecteam = new InMemoryConnecteam();
        var podFactory = new InMemoryPodFactory();
        var time = new FakeTimeProvider(new DateTimeOffset(nowUtc ?? Local(23, 59), TimeSpan.Zero));
        var host = await TestHost.StartAsync(provider, configureServices: services =>
        {
            services.AddSingleton<IConnecteamClient>(connecteam);
            services.AddSingleton<IPodFactorySource>(podFactory);
            services.AddSingleton<TimeProvider>(time);
        });
        return new SyncTestContext(host, connecteam, podFactory, time);
    }

    public async Task<T> QueryAsync<T>(Func<ProductivityDbContext, Task<T>> query)
    {
        await using var scope = Host.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<ProductivityDbContext>());
    }

    /// <summary>Every stored shift and break as comparable text (ids included, so an update in place is visible).</summary>
    public Task<List<string>> ShiftRowsAsync() => QueryAsync(async db =>
        (await db.Shifts.AsNoTracking().OrderBy(s => s.Id).ToListAsync())
        .Select(s => $"{s.Id}|{s.ConnecteamShiftId}|{s.EmployeeId}|{s.ClockInUtc:O}|{s.ClockOutUtc:O}|{s.BusinessDay}")
        .Concat((await db.ManualBreaks.AsNoTracking().OrderBy(b => b.Id).ToListAsync())
            .Select(b => $"break {b.Id}|{b.ConnecteamBreakId}|{b.EmployeeId}|{b.StartUtc:O}-{b.EndUtc:O}|{b.BusinessDay}"))
        .ToList());

    public Task<List<string>> ActivityRowsAsync() => QueryAsync(async db =>
        (await db.Activities.AsNoTracking().OrderBy(a => a.Id).ToListAsync())
        .Select(a => $"{a.Id}|{a.PodFactoryId}|{a.EmployeeId}|{a.Email}|{a.Action}|{a.ItemsCount}|{a.WindowStartUtc:O}|{a.WindowEndUtc:O}")
        .ToList());

    public Task<Dictionary<long, int>> EmployeeIdsAsync() => QueryAsync(db =>
        db.Employees.AsNoTracking().Where(e => e.ConnecteamUserId != null).ToDictionaryAsync(e => e.ConnecteamUserId!.Value, e => e.Id));

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
