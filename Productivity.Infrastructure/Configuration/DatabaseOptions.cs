namespace Productivity.Infrastructure.Configuration;

public enum DatabaseProvider
{
    Sqlite,
    MySql,
}

public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary><c>Sqlite</c> (embedded default, single node) or <c>MySql</c> (MySQL 8 / MariaDB 10.11, required for several nodes).</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>MySQL/MariaDB server version, e.g. <c>10.11-mariadb</c> or <c>8.0.36-mysql</c>; required for MySql (no auto-detect).</summary>
    public string? ServerVersion { get; set; }

    /// <summary>Apply pending migrations when the app starts.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
