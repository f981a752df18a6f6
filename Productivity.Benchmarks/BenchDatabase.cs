using Productivity.TestSupport;

namespace Productivity.Benchmarks;

/// <summary>The benchmarks' MySQL/MariaDB server, from the environment, and the throwaway databases made on it.</summary>
public static class BenchDatabase
{
    public const string ServerVariable = "PRODUCTIVITY_BENCH_MYSQL";
    public const string FallbackServerVariable = TestEnvironment.MySqlVariable;
    public const string ServerVersionVariable = "PRODUCTIVITY_BENCH_MYSQL_VERSION";

    /// <summary>Server-level connection string (no database) from the environment.</summary>
    public static string Server =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } bench ? bench
        : Environment.GetEnvironmentVariable(FallbackServerVariable) is { Length: > 0 } test ? test
        : throw new InvalidOperationException(
            $"Set {ServerVariable} (or {FallbackServerVariable}) to a MySQL/MariaDB server connection string whose user may create databases.");

    public static string ServerVersion =>
        Environment.GetEnvironmentVariable(ServerVersionVariable) is { Length: > 0 } version ? version : "10.11-mariadb";

    /// <summary>A database named bench_{purpose}_…, dropped on dispose; <c>AllowLoadLocalInfile</c> is on for <c>MySqlBulkCopy</c>.</summary>
    public static Task<MySqlTestDatabase> CreateAsync(string purpose) =>
        MySqlTestDatabase.CreateAsync(Server, $"bench_{purpose}_{Guid.NewGuid():N}", allowLoadLocalInfile: true);
}
