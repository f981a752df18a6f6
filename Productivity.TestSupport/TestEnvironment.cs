namespace Productivity.TestSupport;

/// <summary>The real services that scripts/test.sh starts for the tests, read from its environment variables.</summary>
public static class TestEnvironment
{
    public const string MySqlVariable = "PRODUCTIVITY_TEST_MYSQL";
    public const string MySqlVersionVariable = "PRODUCTIVITY_TEST_MYSQL_VERSION";
    public const string RedisVariable = "PRODUCTIVITY_TEST_REDIS";

    /// <summary>Server-level connection string (no database); tests create and drop their own databases.</summary>
    public static string MySqlServer => Require(MySqlVariable);

    public static string MySqlServerVersion =>
        Environment.GetEnvironmentVariable(MySqlVersionVariable) is { Length: > 0 } version ? version : "10.11-mariadb";

    public static string Redis => Require(RedisVariable);

    private static string Require(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set. Run the suite with scripts/test.sh, which starts MariaDB and Redis for the tests.");
}
