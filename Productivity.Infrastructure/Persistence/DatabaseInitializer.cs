using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Productivity.Infrastructure.Configuration;
using Productivity.Infrastructure.Persistence.Seeding;

namespace Productivity.Infrastructure.Persistence;

/// <summary>Applies migrations (when <c>Database:MigrateOnStartup</c>) and seeds roles and the first Admin before the site listens.</summary>
internal sealed class DatabaseInitializer(
    IServiceScopeFactory scopeFactory,
    StartupSettings settings,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();
        try
        {
            if (settings.Database.Provider == DatabaseProvider.Sqlite)
            {
                Directory.CreateDirectory(settings.DataFolder);
            }
            if (settings.Database.MigrateOnStartup)
            {
                await db.Database.MigrateAsync(cancellationToken);
                logger.LogInformation("Database migrated ({Provider}).", settings.Database.Provider);
            }
            await scope.ServiceProvider.GetRequiredService<IdentitySeeder>().SeedAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException { InnerException: DbException })
        {
            var root = ex is DbException ? ex : ex.InnerException!;
            throw new ConfigurationException(
                $"Cannot use the database ({settings.Database.Provider}, {StartupSettings.ProductivityConnectionKey}): {root.Message}", ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
