using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MySqlConnector;
using Productivity.Core.Activities;
using Productivity.Core.Dashboard;
using Productivity.Core.Realtime;
using Productivity.Core.Security;
using Productivity.Core.Sync;
using Productivity.Core.Time;
using Productivity.Infrastructure.Identity;
using Productivity.Infrastructure.Persistence;
using Productivity.Infrastructure.Scoring;
using Productivity.Infrastructure.Sync;
using Productivity.Web.Components;

namespace Productivity.Benchmarks;

/// <summary>
/// The real Productivity.Web pipeline (its own Program: AddInfrastructure, AddWeb, MapWeb) hosted in this process by
/// <see cref="WebApplicationFactory{TEntryPoint}"/> on Kestrel at a free loopback port, so that a recompute can be timed
/// where it runs and the server's managed heap can be measured. Environment Development (cookies over plain http),
/// no jobs, SQLite in a temp folder or MariaDB (+ Redis) when asked. The site's time zone is the whole-hour UTC offset in
/// which it is 13:xx now, so the seeded day is always a live early afternoon: the day shift (06:00–14:30) still clocked in,
/// windows up to now. A Manager is created for the browser to sign in as. A <see cref="CircuitCounter"/> (benchmark code,
/// added to the app's services here) counts the open circuits. With a PodFactory database (<c>push --podfactory</c>) the
/// app runs its schedules as a job node does (<c>Jobs:Enabled=true</c>, the default PodFactory interval), and new
/// production goes into PodFactory's <c>report_actions</c> for the scheduled sync to find.
/// </summary>
public sealed class LiveDashboardApp : IAsyncDisposable
{
    public const string ManagerEmail = "manager@bench.test";
    public const string ManagerPassword = "Live-Dashboard-Bench-1";

    private readonly Factory _factory;
    private readonly DirectoryInfo _folder;
    private readonly MySqlTestDatabase? _database;
    private readonly MySqlTestDatabase? _podFactory;
    private readonly List<EmployeeDay> _employees = [];
    private readonly IDisposable _published;
    private long _nextPodFactoryId = 1_000_000_000;
    private long _lastPublishedTicks;

    private LiveDashboardApp(Factory factory, DirectoryInfo folder, MySqlTestDatabase? database, MySqlTestDatabase? podFactory, Uri baseAddress,
        SiteClock clock)
    {
        _factory = factory;
        _folder = folder;
        _database = database;
        _podFactory = podFactory;
        BaseAddress = baseAddress;
        Clock = clock;
        // Subscribed before any page, so it runs before the circuits hear of an update; it only keeps the time.
        _published = factory.Services.GetRequiredService<IScoreUpdateFeed>().Subscribe(update =>
        {
            Interlocked.Exchange(ref _lastPublishedTicks, update.OccurredAt.UtcTicks);
            return Task.CompletedTask;
        });
    }

    public Uri BaseAddress { get; }

    public SiteClock Clock { get; }

    public CircuitCounter Circuits => _factory.Circuits;

    public IServiceProvider Services => _factory.Services;

    public DateOnly Today => Clock.BusinessDayOf(DateTime.UtcNow);

    /// <summary>"SQLite" or "MariaDB", with "+ Redis" when configured.</summary>
    public required string Storage { get; init; }

    public int ActivityRows { get; private set; }

    /// <summary>The employees <see cref="SeedTodayAsync"/> stored, in order.</summary>
    public IReadOnlyList<int> EmployeeIds => [.. _employees.Select(e => e.EmployeeId)];

    /// <param name="settings">More configuration (e.g. a Connecteam source); it may turn the jobs on.</param>
    public static async Task<LiveDashboardApp> StartAsync(bool mySql, string? redis, bool podFactory = false,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var folder = Directory.CreateTempSubdirectory("productivity-live-bench-");
        var database = mySql ? await BenchDatabase.CreateAsync("live") : null;
        var source = podFactory ? await BenchDatabase.CreateAsync("podfactory") : null;
        if (source is not null)
        {
            await source.ExecuteAsync(ReportActionsTable.CreateTable);
        }
        var zone = ZoneWhereItIsEarlyAfternoon(DateTime.UtcNow);
        var port = FreePort();
        var all = new Dictionary<string, string?>
        {
            ["Data:Folder"] = folder.FullName,
            ["Database:Provider"] = mySql ? "MySql" : "Sqlite",
            ["Database:ServerVersion"] = mySql ? BenchDatabase.ServerVersion : null,
            ["ConnectionStrings:Productivity"] = database?.ConnectionString,
            ["ConnectionStrings:Redis"] = redis,
            ["Site:TimeZone"] = zone.Id,
            ["ConnectionStrings:PodFactory"] = source?.ConnectionString,
            ["Jobs:Enabled"] = podFactory ? "true" : "false",
            ["Seed:AdminEmail"] = "admin@bench.test",
            ["Seed:AdminPassword"] = "Live-Dashboard-Admin-1",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        var factory = new Factory(all, new CircuitCounter());
        try
        {
            factory.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
            factory.StartServer();
        }
        catch
        {
            await factory.DisposeAsync();
            foreach (var owned in new[] { database, source })
            {
                if (owned is not null)
                {
                    await owned.DisposeAsync();
                }
            }
            folder.Delete(recursive: true);
            throw;
        }
        var app = new LiveDashboardApp(factory, folder, database, source, new Uri($"http://127.0.0.1:{port}/"), new SiteClock(zone))
        {
            Storage = (mySql ? "MariaDB" : "SQLite") + (redis is null ? "" : " + Redis"),
        };
        await app.CreateManagerAsync();
        return app;
    }

    /// <summary>Employees with today's shifts and windows up to now, scored by the real recompute; returns the seconds it took.</summary>
    public async Task<double> SeedTodayAsync(int employeeCount)
    {
        var stopwatch = Stopwatch.StartNew();
        var now = DateTime.UtcNow;
        var today = Today;
        var floor = SyntheticFloor.Build(employeeCount, [today], zone: Clock.TimeZone);
        var ids = await FloorSeeder.AddEmployeesAsync(Services, floor);
        await FloorSeeder.AddShiftsAsync(Services, floor, ids, untilUtc: now);
        var windows = floor.Windows.Where(w => w.CreatedUtc <= now).ToList();
        await FloorSeeder.AddActivitiesAsync(Services, floor, windows, ids);
        ActivityRows = windows.Count;
        _employees.AddRange(ids.Select(id => new EmployeeDay(id, today)));
        await Services.GetRequiredService<ScoreRecalculationService>().RecalculateAsync(_employees);
        return stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>Today's KPI "Items" as the dashboard shows it (cached read model).</summary>
    public async Task<int> ItemsTodayAsync() =>
        (await Services.GetRequiredService<IDashboardQueries>().GetSummaryAsync(new DashboardRange(Today, Today))).Kpis.Items;

    /// <summary>
    /// One new PodFactory row for one employee (a one-minute window ending now, inside the open shift), stored as the
    /// sync stores it, then the real recompute of that employee-day. Returns when <c>RecalculateAsync</c> returns, with
    /// the update's <see cref="ScoresUpdated.OccurredAt"/>: taken after the scores are committed, just before the update
    /// is published to the circuits, which may already be reloading when the call returns.
    /// </summary>
    public async Task<ProductionUpdate> AddProductionAsync(int update, int items)
    {
        var pair = _employees[update * 37 % _employees.Count];
        var now = DateTime.UtcNow;
        await using (var scope = Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
            var employee = await db.Employees.FindAsync(pair.EmployeeId);
            db.Activities.Add(new ActivityRecord
            {
                PodFactoryId = Interlocked.Increment(ref _nextPodFactoryId),
                EmployeeId = pair.EmployeeId,
                Email = employee!.Email!,
                UserName = employee.Name,
                Action = SyntheticFloor.Actions[update % SyntheticFloor.Actions.Length],
                ItemsCount = items,
                WindowStartUtc = now.AddMinutes(-1),
                WindowEndUtc = now,
                SourceCreatedUtc = now,
                UpdatedUtc = now,
            });
            await db.SaveChangesAsync();
        }
        var recompute = Services.GetRequiredService<ScoreRecalculationService>();
        var started = Stopwatch.GetTimestamp();
        await recompute.RecalculateAsync([pair]);
        var returned = DateTimeOffset.UtcNow;
        var published = new DateTimeOffset(Interlocked.Read(ref _lastPublishedTicks), TimeSpan.Zero);
        return new ProductionUpdate(published, returned, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>
    /// One new row in PodFactory's <c>report_actions</c> (autocommit) for one employee: a one-minute window ending now,
    /// inside the open shift, with an id above every seeded row's. Returns when the INSERT has committed; the
    /// scheduled sync finds it at its next poll. The time of the commit's return is the benchmark's T0.
    /// </summary>
    public Task<DateTimeOffset> AddPodFactoryRowAsync(int update, int items) =>
        AddPodFactoryRowAsync(_employees[update * 37 % _employees.Count].EmployeeId, update, items);

    /// <summary>As <see cref="AddPodFactoryRowAsync(int, int)"/>, for the employee <paramref name="employeeId"/>.</summary>
    public async Task<DateTimeOffset> AddPodFactoryRowAsync(int employeeId, int update, int items)
    {
        var source = _podFactory ?? throw new InvalidOperationException("The app was started without a PodFactory database.");
        string email;
        await using (var scope = Services.CreateAsyncScope())
        {
            email = (await scope.ServiceProvider.GetRequiredService<ProductivityDbContext>().Employees.FindAsync(employeeId))!.Email!;
        }
        var now = DateTime.UtcNow;
        await using var connection = new MySqlConnection(source.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(
            "INSERT INTO report_actions (id, user_email, user_name, user_role, action, items_count, window_start, window_end, created_at) " +
            "VALUES (@id, @email, 'Bench', 'Picker', @action, @items, @start, @end, @created)", connection);
        command.Parameters.AddWithValue("@id", Interlocked.Increment(ref _nextPodFactoryId));
        command.Parameters.AddWithValue("@email", email);
        command.Parameters.AddWithValue("@action", SyntheticFloor.Actions[update % SyntheticFloor.Actions.Length]);
        command.Parameters.AddWithValue("@items", items);
        command.Parameters.AddWithValue("@start", now.AddMinutes(-1));
        command.Parameters.AddWithValue("@end", now);
        command.Parameters.AddWithValue("@created", now);
        await command.ExecuteNonQueryAsync();
        return DateTimeOffset.UtcNow;
    }

    /// <summary>When each run of the incremental PodFactory sync that stored rows started and finished (UTC), in order.</summary>
    public async Task<List<(DateTime Started, DateTime Finished)>> PodFactoryRunsAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
        var runs = await db.SyncRuns.AsNoTracking()
            .Where(r => r.Job == SyncJobs.PodFactory && r.Added > 0 && r.FinishedUtc != null)
            .OrderBy(r => r.StartedUtc).ToListAsync();
        return [.. runs.Select(r => (r.StartedUtc, r.FinishedUtc!.Value))];
    }

    /// <summary>Managed heap after a full blocking, compacting collection (finalizers run in between), in bytes.</summary>
    public static long ManagedHeapAfterFullCollection()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    public static long WorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    public async ValueTask DisposeAsync()
    {
        _published.Dispose();
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var owned in new[] { _database, _podFactory })
        {
            if (owned is not null)
            {
                await owned.DisposeAsync();
            }
        }
        _folder.Delete(recursive: true);
    }

    /// <summary>Etc/GMT zones have whole-hour offsets from UTC−12 to UTC+14 (and the opposite sign in their names).</summary>
    private static TimeZoneInfo ZoneWhereItIsEarlyAfternoon(DateTime utcNow)
    {
        var offset = 13 - utcNow.Hour;
        var id = offset switch
        {
            0 => "Etc/GMT",
            > 0 => string.Create(CultureInfo.InvariantCulture, $"Etc/GMT-{offset}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"Etc/GMT+{-offset}"),
        };
        return TimeZoneInfo.FindSystemTimeZoneById(id);
    }

    private async Task CreateManagerAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var manager = new ApplicationUser { UserName = ManagerEmail, Email = ManagerEmail, EmailConfirmed = true, DisplayName = "Bench Manager" };
        var created = await users.CreateAsync(manager, ManagerPassword);
        if (!created.Succeeded || !(await users.AddToRoleAsync(manager, Roles.Manager)).Succeeded)
        {
            throw new InvalidOperationException($"Could not create the Manager: {string.Join(" ", created.Errors.Select(e => e.Description))}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Factory(IReadOnlyDictionary<string, string?> settings, CircuitCounter circuits) : WebApplicationFactory<App>
    {
        public CircuitCounter Circuits => circuits;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
            builder.ConfigureLogging(logging => logging.ClearProviders().AddSimpleConsole());
            builder.ConfigureServices(services => services.AddSingleton<CircuitHandler>(circuits));
        }
    }
}

/// <summary>When the recompute published its update and returned, and how long the call took.</summary>
public readonly record struct ProductionUpdate(DateTimeOffset Published, DateTimeOffset Returned, double RecomputeMilliseconds);
