using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Productivity.Infrastructure;

namespace Productivity.Benchmarks;

/// <summary>
/// The real Infrastructure composition (<c>AddInfrastructure</c>, as the site uses it) on a plain host with MariaDB,
/// <c>Jobs:Enabled=false</c>, started so that migrations and seeding run. Owns its database and drops it on dispose.
/// </summary>
public sealed class BenchHost : IAsyncDisposable
{
    public const string SqlLogVariable = "PRODUCTIVITY_BENCH_SQL_LOG";

    private readonly IHost _host;
    private readonly string _folder;

    private BenchHost(IHost host, MySqlTestDatabase database, string folder)
    {
        _host = host;
        Database = database;
        _folder = folder;
    }

    public MySqlTestDatabase Database { get; }

    public IServiceProvider Services => _host.Services;

    public static async Task<BenchHost> StartAsync(IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var database = await BenchDatabase.CreateAsync("target");
        var folder = Path.Combine(Path.GetTempPath(), $"productivity-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = "Benchmark",
            ContentRootPath = folder,
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "MySql",
            ["Database:ServerVersion"] = BenchDatabase.ServerVersion,
            ["ConnectionStrings:Productivity"] = database.ConnectionString,
            ["Data:Folder"] = folder,
            ["Jobs:Enabled"] = "false",
            ["Seed:AdminEmail"] = "admin@bench.test",
            ["Seed:AdminPassword"] = "Bench-Admin-Passw0rd",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable(SqlLogVariable) == "1")
        {
            builder.Logging.AddSimpleConsole().AddFilter((category, level) => category == "Microsoft.EntityFrameworkCore.Database.Command");
        }
        builder.AddInfrastructure();
        configureServices?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new BenchHost(host, database, folder);
    }

    public AsyncServiceScope CreateScope() => _host.Services.CreateAsyncScope();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await Database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
