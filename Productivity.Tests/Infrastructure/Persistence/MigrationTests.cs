using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Productivity.Infrastructure.Persistence;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Infrastructure.Persistence;

public sealed class MigrationTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task Migrate_FromEmpty_AppliesEveryMigrationAndSeedsRoles(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductivityDbContext>();

        var applied = await db.Database.GetAppliedMigrationsAsync();
        var pending = await db.Database.GetPendingMigrationsAsync();

        applied.ShouldNotBeEmpty();
        applied.ShouldBe(db.Database.GetMigrations());
        pending.ShouldBeEmpty();
        (await db.Roles.Select(r => r.Name).OrderBy(n => n).ToListAsync()).ShouldBe(["Admin", "Lead", "Manager"]);
        (await db.Employees.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public void SqliteModel_HasNoChangesMissingFromItsMigrations()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);

        db.Database.HasPendingModelChanges().ShouldBeFalse("run scripts/add-migration.sh");
    }

    [Fact]
    public void MySqlModel_HasNoChangesMissingFromItsMigrations()
    {
        using var db = new MySqlDesignTimeFactory().CreateDbContext([]);

        db.Database.HasPendingModelChanges().ShouldBeFalse("run scripts/add-migration.sh");
    }
}
