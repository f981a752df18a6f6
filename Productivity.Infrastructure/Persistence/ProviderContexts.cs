using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Productivity.Infrastructure.Persistence;

public sealed class SqliteProductivityDbContext(DbContextOptions<SqliteProductivityDbContext> options)
    : ProductivityDbContext(options);

public sealed class MySqlProductivityDbContext(DbContextOptions<MySqlProductivityDbContext> options)
    : ProductivityDbContext(options);

/// <summary>Lets <c>dotnet ef</c> build the Sqlite model without a running app.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteProductivityDbContext>
{
    public SqliteProductivityDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteProductivityDbContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Lets <c>dotnet ef</c> build the MySQL model without a server (explicit version, no auto-detect).</summary>
internal sealed class MySqlDesignTimeFactory : IDesignTimeDbContextFactory<MySqlProductivityDbContext>
{
    public MySqlProductivityDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<MySqlProductivityDbContext>()
            .UseMySql("Server=localhost;Database=design", ServerVersion.Parse("10.11-mariadb"))
            .Options);
}
