using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Productivity.Core.Sync;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Sync;
using Productivity.Tests.Infrastructure.Integrations;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Infrastructure.Sync;

/// <summary>
/// The whole ingestion path with real parts: Connecteam over HTTP (the fake server speaking the real API's shapes),
/// PodFactory's report_actions table in MariaDB, our database in MariaDB, then scores from the change feed.
/// </summary>
public sealed class IngestionEndToEndTests : IClassFixture<ReportActionsDatabase>, IAsyncLifetime
{
    private const long ClockId = 12345;
    private static readonly DateOnly Dec10 = new(2025, 12, 10);
    private readonly ReportActionsDatabase _podFactory;
    private FakeConnecteamServer _connecteam = null!;
    private TestHost _host = null!;

    public IngestionEndToEndTests(ReportActionsDatabase podFactory) => _podFactory = podFactory;

    private SyncPipeline Pipeline => _host.Services.GetRequiredService<SyncPipeline>();

    public async Task InitializeAsync()
    {
        _connecteam = await FakeConnecteamServer.StartAsync();
        _connecteam.AddClock(ClockId, "Warehouse");
        _connecteam.AddUser(1, "Ana", "Lopez", "ana.lopez@example.test");
        _connecteam.AddUser(2, "Ben", "Ng", "ben.ng@example.test");
        _connecteam.AddUser(3, "Old", "Timer", "old@example.test", archived: true);
        foreach (var user in new long[] { 1, 2, 3 })
        {
            _connecteam.AssignUser(ClockId, user);
        }
        // 06:45–15:15 CST with lunch; Ben is still clocked in.
        _connecteam.AddShift(ClockId, 1, "659413a0c1e2f3a4b5c6d7e8", new DateTime(2025, 12, 10, 12, 45, 0, DateTimeKind.Utc),
            new DateTime(2025, 12, 10, 21, 15, 0, DateTimeKind.Utc));
        _connecteam.AddBreak(ClockId, 1, "659413a0c1e2f3a4b5c6d7e9", new DateTime(2025, 12, 10, 17, 0, 0, DateTimeKind.Utc),
            new DateTime(2025, 12, 10, 17, 30, 0, DateTimeKind.Utc));
        _connecteam.AddShift(ClockId, 2, "659414cc00112233445566aa", new DateTime(2025, 12, 10, 12, 30, 0, DateTimeKind.Utc));
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 12, 10, 22, 0, 0, TimeSpan.Zero));
        _host = await TestHost.StartAsync("MySql", new Dictionary<string, string?>
        {
            ["Connecteam:ApiKey"] = _connecteam.ApiKey,
            ["Connecteam:BaseUrl"] = _connecteam.BaseUrl,
            ["ConnectionStrings:PodFactory"] = _podFactory.ConnectionString,
        }, services => services.AddSingleton<TimeProvider>(time));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _connecteam.DisposeAsync();
    }

    [Fact]
    public async Task FullSync_RealSources_StoresRowsRejectsBadOnesAndScoresTheChangedDays()
    {
        var employees = await Pipeline.SyncEmployeesAsync("test");
        var shifts = await Pipeline.SyncShiftsAsync("test", Dec10, Dec10);
        var activities = await Pipeline.SyncPodFactoryAsync("test");

        employees.Run.Added.ShouldBe(3);
        // Ana's shift split around her lunch break, as the time clock records it, and Ben's open shift.
        shifts.Run.Added.ShouldBe(3);
        activities.Run.Added.ShouldBe(6);
        activities.Run.Rejected.ShouldBe(2);
        activities.Outcome.Rejected.Select(r => r.Key).ShouldBe(["report_actions 5", "report_actions 6"], ignoreOrder: true);
        var scores = await QueryAsync(db => db.DailyScores.Join(db.Employees, s => s.EmployeeId, e => e.Id, (s, e) => new { e.Name, s.Items, s.ClockedMinutes })
            .OrderBy(x => x.Name).ToListAsync());
        scores.Select(s => (s.Name, s.Items)).ShouldBe([("Ana Lopez", 21), ("Ben Ng", 98)]);
        scores[0].ClockedMinutes.ShouldBe(480);
        (await QueryAsync(db => db.Employees.SingleAsync(e => e.ConnecteamUserId == 3))).IsArchived.ShouldBeTrue();
        (await QueryAsync(db => db.SyncRuns.CountAsync())).ShouldBe(3);
    }

    [Fact]
    public async Task FullSync_RunThreeTimes_LeavesIdenticalRows()
    {
        await RunAllAsync();
        var snapshot = await SnapshotAsync();

        var second = await RunAllAsync();
        var third = await RunAllAsync();

        (await SnapshotAsync()).ShouldBe(snapshot);
        second.Concat(third).SelectMany(r => r.Outcome.ChangedDays).ShouldBeEmpty();
    }

    [Fact]
    public async Task ShiftEditedInConnecteam_UpdatesInPlaceAndRescoresTheDay()
    {
        await RunAllAsync();
        var before = await QueryAsync(db => db.Shifts.SingleAsync(s => s.ConnecteamShiftId == "659413a0c1e2f3a4b5c6d7e8"));

        _connecteam.EditShift("659413a0c1e2f3a4b5c6d7e8", new DateTime(2025, 12, 10, 12, 45, 0, DateTimeKind.Utc),
            new DateTime(2025, 12, 10, 20, 15, 0, DateTimeKind.Utc));
        var run = await Pipeline.SyncShiftsAsync("test", Dec10, Dec10);

        var after = await QueryAsync(db => db.Shifts.SingleAsync(s => s.ConnecteamShiftId == "659413a0c1e2f3a4b5c6d7e8"));
        after.Id.ShouldBe(before.Id);
        run.Outcome.ChangedDays.ShouldBe([new EmployeeDay(before.EmployeeId, Dec10)]);
        (await QueryAsync(db => db.DailyScores.SingleAsync(s => s.EmployeeId == before.EmployeeId))).ClockedMinutes.ShouldBe(420);
    }

    private async Task<SyncRunResult[]> RunAllAsync() =>
    [
        await Pipeline.SyncEmployeesAsync("test"),
        await Pipeline.SyncShiftsAsync("test", Dec10, Dec10),
        await Pipeline.SyncPodFactoryAsync("test"),
        await Pipeline.SyncPodFactoryDaysAsync("test", Dec10, Dec10),
    ];

    private Task<List<string>> SnapshotAsync() => QueryAsync(async db =>
        (await db.Shifts.AsNoTracking().OrderBy(s => s.Id).ToListAsync())
            .Select(s => $"{s.Id}|{s.ConnecteamShiftId}|{s.ClockInUtc:O}|{s.ClockOutUtc:O}")
            .Concat((await db.ManualBreaks.AsNoTracking().OrderBy(b => b.Id).ToListAsync())
                .Select(b => $"{b.Id}|{b.ConnecteamBreakId}|{b.StartUtc:O}|{b.EndUtc:O}"))
            .Concat((await db.Activities.AsNoTracking().OrderBy(a => a.Id).ToListAsync())
                .Select(a => $"{a.Id}|{a.PodFactoryId}|{a.EmployeeId}|{a.ItemsCount}"))
            .Concat((await db.DailyScores.AsNoTracking().OrderBy(s => s.EmployeeId).ToListAsync())
                .Select(s => $"{s.EmployeeId}|{s.Items}|{s.ActiveMinutes}|{s.ClockedMinutes}"))
            .ToList());

    private async Task<T> QueryAsync<T>(Func<ProductivityDbContext, Task<T>> query)
    {
        await using var scope = _host.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<ProductivityDbContext>());
    }
}
