using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Sync;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Infrastructure.Sync;

/// <summary>
/// The shift sync through the real Connecteam client over HTTP against <see cref="FakeConnecteamServer"/>: which
/// stored shifts an answer may remove, and which clocks the poll, range syncs and the reconciliation read.
/// </summary>
public sealed class ShiftSyncOverHttpTests : IAsyncLifetime
{
    private const long ClockId = 12345;
    private static readonly DateOnly Dec10 = new(2025, 12, 10);
    private FakeConnecteamServer _connecteam = null!;

    public static TheoryData<string> Providers => new() { "Sqlite", "MySql" };

    public async Task InitializeAsync()
    {
        _connecteam = await FakeConnecteamServer.StartAsync();
        _connecteam.AddClock(ClockId, "Warehouse");
        _connecteam.AddUser(1, "Ana", "Lopez", "ana@example.test");
        _connecteam.AddUser(2, "Ben", "Ng", "ben@example.test");
        // Ana 06:45–11:00 and 11:30–15:15 CST (the clock split her shift around lunch), Ben 06:30–15:00 CST.
        _connecteam.AddShift(ClockId, 1, "s-ana-am", Utc(12, 45), Utc(17, 0));
        _connecteam.AddShift(ClockId, 1, "s-ana-pm", Utc(17, 30), Utc(21, 15));
        _connecteam.AddShift(ClockId, 2, "s-ben", Utc(12, 30), Utc(21, 0));
    }

    public async Task DisposeAsync() => await _connecteam.DisposeAsync();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Sync_ShiftMissingFromAListedUser_IsRemovedAndNamedInTheRunDetails(string provider)
    {
        await using var host = await StartHostAsync(provider);
        var pipeline = host.Services.GetRequiredService<SyncPipeline>();
        await pipeline.SyncShiftsAsync("test", Dec10, Dec10);
        var ana = await QueryAsync(host, db => db.Employees.Where(e => e.ConnecteamUserId == 1).Select(e => e.Id).SingleAsync());

        _connecteam.RemoveShift("s-ana-am");
        var run = await pipeline.SyncShiftsAsync("test", Dec10, Dec10);

        run.Run.Removed.ShouldBe(1);
        run.Outcome.RemovedShifts.ShouldBe([new RemovedShift(ClockId, "s-ana-am", ana, Dec10)]);
        (await ShiftIdsAsync(host)).ShouldBe(["s-ana-pm", "s-ben"]);
        var details = await QueryAsync(host, db => db.SyncRuns.Where(r => r.Id == run.Run.Id).Select(r => r.Details).SingleAsync());
        using var json = JsonDocument.Parse(details!);
        var removed = json.RootElement.GetProperty("removed").EnumerateArray().ShouldHaveSingleItem();
        removed.GetProperty("ClockId").GetInt64().ShouldBe(ClockId);
        removed.GetProperty("ShiftId").GetString().ShouldBe("s-ana-am");
        removed.GetProperty("EmployeeId").GetInt32().ShouldBe(ana);
        removed.GetProperty("BusinessDay").GetString().ShouldBe("2025-12-10");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Sync_UserLeftOutOfTheAnswer_KeepsTheirStoredShifts(string provider)
    {
        await using var host = await StartHostAsync(provider);
        var pipeline = host.Services.GetRequiredService<SyncPipeline>();
        await pipeline.SyncShiftsAsync("test", Dec10, Dec10);

        // Ben is no longer assigned to the clock: Connecteam leaves him, and his history, out of the answer.
        _connecteam.LeaveOutUser(ClockId, 2);
        var run = await pipeline.SyncShiftsAsync("test", Dec10, Dec10);

        run.Run.Removed.ShouldBe(0);
        run.Outcome.RemovedShifts.ShouldBeEmpty();
        run.Outcome.ChangedDays.ShouldBeEmpty();
        (await ShiftIdsAsync(host)).ShouldBe(["s-ana-am", "s-ana-pm", "s-ben"]);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Sync_UserWithAnUnreadableShift_KeepsTheirStoredShifts(string provider)
    {
        await using var host = await StartHostAsync(provider);
        var pipeline = host.Services.GetRequiredService<SyncPipeline>();
        await pipeline.SyncShiftsAsync("test", Dec10, Dec10);

        // The afternoon shift comes back without a start: it is rejected, and may well be the one we hold.
        _connecteam.RemoveShift("s-ana-pm");
        _connecteam.AddRawShift(ClockId, 1, Dec10, """{"id":"s-ana-pm"}""");
        var run = await pipeline.SyncShiftsAsync("test", Dec10, Dec10);

        run.Run.Removed.ShouldBe(0);
        run.Outcome.Rejected.ShouldHaveSingleItem().Key.ShouldBe("s-ana-pm");
        (await ShiftIdsAsync(host)).ShouldBe(["s-ana-am", "s-ana-pm", "s-ben"]);
    }

    [Fact]
    public async Task ArchivedClock_IsReadByRangeSyncsAndTheReconciliationButNotByThePoll()
    {
        // The old clock's last shift, yesterday 07:00–14:00 CST: inside the poll's days, so only the clock choice differs.
        _connecteam.AddClock(777, "Old Warehouse", archived: true);
        _connecteam.AddShift(777, 1, "s-old", Utc(13, 0, days: -1), Utc(20, 0, days: -1));
        await using var host = await StartHostAsync("Sqlite");
        var pipeline = host.Services.GetRequiredService<SyncPipeline>();

        _connecteam.ClearRequests();
        await pipeline.PollShiftsAsync("test");
        var pollRequests = _connecteam.Requests;
        var afterPoll = await ShiftIdsAsync(host);
        _connecteam.ClearRequests();
        await pipeline.SyncShiftsAsync("test", Dec10.AddDays(-1), Dec10);
        var rangeRequests = _connecteam.Requests;
        var afterRange = await ShiftIdsAsync(host);
        _connecteam.ClearRequests();
        var reconciliation = await pipeline.ReconcileAsync("test");
        var reconciliationRequests = _connecteam.Requests;
        _connecteam.ClearRequests();
        await pipeline.PollShiftsAsync("test");

        pollRequests.ShouldNotContain(r => r.Path.Contains("/777/", StringComparison.Ordinal));
        pollRequests.ShouldContain(r => r.Path == $"/time-clock/v1/time-clocks/{ClockId}/time-activities");
        afterPoll.ShouldBe(["s-ana-am", "s-ana-pm", "s-ben"]);
        rangeRequests.ShouldContain(r => r.Path == "/time-clock/v1/time-clocks/777/time-activities");
        afterRange.ShouldBe(["s-ana-am", "s-ana-pm", "s-ben", "s-old"]);
        reconciliationRequests.ShouldContain(r => r.Path == "/time-clock/v1/time-clocks/777/time-activities");
        reconciliation.Outcome.Unchanged.ShouldBe(4);
        // A later poll neither reads the archived clock nor drops what was read from it.
        _connecteam.Requests.ShouldNotContain(r => r.Path.Contains("/777/", StringComparison.Ordinal));
        (await ShiftIdsAsync(host)).ShouldBe(["s-ana-am", "s-ana-pm", "s-ben", "s-old"]);
    }

    [Fact]
    public async Task Poll_ConfiguredArchivedClock_IsReadAsConfigured()
    {
        _connecteam.AddClock(777, "Old Warehouse", archived: true);
        _connecteam.AddShift(777, 1, "s-old", Utc(13, 0, days: -1), Utc(20, 0, days: -1));
        await using var host = await StartHostAsync("Sqlite", new() { ["Connecteam:ClockIds:0"] = "777" });

        _connecteam.ClearRequests();
        await host.Services.GetRequiredService<SyncPipeline>().PollShiftsAsync("test");

        _connecteam.Requests.Select(r => r.Path).ShouldBe(["/time-clock/v1/time-clocks/777/time-activities"]);
        (await ShiftIdsAsync(host)).ShouldBe(["s-old"]);
    }

    private async Task<TestHost> StartHostAsync(string provider, Dictionary<string, string?>? settings = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 12, 10, 22, 0, 0, TimeSpan.Zero));
        var values = new Dictionary<string, string?>
        {
            ["Connecteam:ApiKey"] = _connecteam.ApiKey,
            ["Connecteam:BaseUrl"] = _connecteam.BaseUrl,
        };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }
        var host = await TestHost.StartAsync(provider, values, services => services.AddSingleton<TimeProvider>(time));
        await host.Services.GetRequiredService<SyncPipeline>().SyncEmployeesAsync("test");
        return host;
    }

    private static Task<List<string>> ShiftIdsAsync(TestHost host) =>
        QueryAsync(host, db => db.Shifts.OrderBy(s => s.ConnecteamShiftId).Select(s => s.ConnecteamShiftId).ToListAsync());

    private static async Task<T> QueryAsync<T>(TestHost host, Func<ProductivityDbContext, Task<T>> query)
    {
        await using var scope = host.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<ProductivityDbContext>());
    }

    private static DateTime Utc(int hour, int minute, int days = 0) => new DateTime(2025, 12, 10, hour, minute, 0, DateTimeKind.Utc).AddDays(days);
}
