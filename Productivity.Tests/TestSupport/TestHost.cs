using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.EntityFrameworkCore;
using Productivity.Core.Employees;
using Productivity.Infrastructure;
using Productivity.Infrastructure.Alerts;
using Productivity.Infrastructure.Persistence;

namespace Productivity.Tests.TestSupport;

/// <summary>
/// The Infrastructure composition (the same AddInfrastructure the site uses) on a plain host, started so that
/// migrations and seeding run, against SQLite in a temp folder or a fresh database on the test MariaDB.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    public const string AdminEmail = "admin@example.test";
    public const string AdminPassword = "Admin-Passw0rd-For-Tests";

    private readonly IHost _host;
    private readonly TempFolder _folder;
    private readonly MySqlTestDatabase? _ownedMySql;

    private TestHost(IHost host, TempFolder folder, MySqlTestDatabase? ownedMySql)
    {
        _host = host;
        _folder = folder;
        _ownedMySql = ownedMySql;
    }

    public IServiceProvider Services => _host.Services;

    /// <param name="sharedDatabase">A MariaDB database the caller owns (several hosts as nodes of one site); without
    /// it a MySql host creates its own and drops it on dispose.</param>
    public static async Task<TestHost> StartAsync(string provider, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null, MySqlTestDatabase? sharedDatabase = null)
    {
        var folder = new TempFolder();
        var mySql = provider == "MySql" ? sharedDatabase ?? await MySqlTestDatabase.CreateAsync() : null;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = "Testing",
            ContentRootPath = folder.Path,
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(DatabaseSettings(provider, folder.Path, mySql));
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        builder.Logging.ClearProviders();
        builder.AddInfrastructure();
        configureServices?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new TestHost(host, folder, sharedDatabase is null ? mySql : null);
    }

    public static Dictionary<string, string?> DatabaseSettings(string provider, string dataFolder, MySqlTestDatabase? mySql) => new()
    {
        ["Database:Provider"] = provider,
        ["Database:ServerVersion"] = mySql is null ? null : TestEnvironment.MySqlServerVersion,
        ["ConnectionStrings:Productivity"] = mySql?.ConnectionString,
        ["Data:Folder"] = dataFolder,
        ["Jobs:Enabled"] = "false",
        ["Seed:AdminEmail"] = AdminEmail,
        ["Seed:AdminPassword"] = AdminPassword,
    };

    /// <summary>Services for a test that sets the clock and counts commands: <paramref name="time"/> as the
    /// TimeProvider and <paramref name="commands"/> on the DbContext of either provider.</summary>
    public static Action<IServiceCollection> ClockAndCommandCounter(TimeProvider time, CommandCounter commands) => services =>
    {
        services.AddSingleton<TimeProvider>(time);
        services.ConfigureDbContext<SqliteProductivityDbContext>(options => options.AddInterceptors(commands));
        services.ConfigureDbContext<MySqlProductivityDbContext>(options => options.AddInterceptors(commands));
    };

    /// <summary>
    /// Services for a test that counts the commands of a recompute: without the loop that evaluates the alerts of the
    /// recomputed people in the background (its commands would land in the count at any moment). The recompute still
    /// queues them; AlertAfterRecomputeTests covers the loop.
    /// </summary>
    public static void WithoutAlertsAfterRecompute(IServiceCollection services)
    {
        foreach (var loop in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(AlertRecomputeLoop)).ToList())
        {
            services.Remove(loop);
        }
    }

    public AsyncServiceScope CreateScope() => _host.Services.CreateAsyncScope();

    /// <summary>Stores an employee called <paramref name="name"/> (e-mail name@example.test); returns the id.</summary>
    public async Task<int> AddEmployeeAsync(string name)
    {
        await using var scope = CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
        var employee = new Employee { Name = name, Email = $"{name}@example.test" };
        db.Employees.Add(employee);
        await db.SaveChangesAsync();
        return employee.Id;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        if (_ownedMySql is not null)
        {
            await _ownedMySql.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
