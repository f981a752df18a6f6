using Microsoft.Extensions.Configuration;

namespace Productivity.Infrastructure.Configuration;

/// <summary>
/// The settings that decide which services are registered. They are read and validated eagerly, before the
/// container is built, so a bad value stops the app with one message that names the key.
/// </summary>
public sealed record StartupSettings(
    DatabaseOptions Database,
    string DataFolder,
    string ConnectionString,
    string? RedisConnectionString,
    TimeZoneInfo SiteTimeZone,
    bool ConnecteamConfigured,
    bool PodFactoryConfigured)
{
    public const string ConnecteamApiKeyKey = "Connecteam:ApiKey";
    public const string CurrencyKey = "Site:Currency";

    /// <summary>The ISO 4217 code money is shown in (<c>Site:Currency</c>, default USD).</summary>
    public string Currency { get; init; } = SiteOptions.DefaultCurrency;
    public const string PodFactoryConnectionKey = "ConnectionStrings:PodFactory";

    /// <summary>Neither real source is configured: simulated sources produce a live floor, and the UI says so.</summary>
    public bool DemoMode => !ConnecteamConfigured && !PodFactoryConfigured;

    public const string ProductivityConnectionKey = "ConnectionStrings:Productivity";
    public const string RedisConnectionKey = "ConnectionStrings:Redis";

    public static StartupSettings Read(IConfiguration configuration, string contentRoot)
    {
        var database = new DatabaseOptions();
        var providerText = configuration[$"{DatabaseOptions.SectionName}:Provider"];
        if (!string.IsNullOrWhiteSpace(providerText))
        {
            if (!Enum.TryParse<DatabaseProvider>(providerText, ignoreCase: true, out var provider) || !Enum.IsDefined(provider))
            {
                throw new ConfigurationException(
                    $"Database:Provider must be 'Sqlite' or 'MySql' (got '{providerText}').");
            }
            database.Provider = provider;
        }
        database.ServerVersion = configuration[$"{DatabaseOptions.SectionName}:ServerVersion"];
        database.MigrateOnStartup = ReadBool(configuration, $"{DatabaseOptions.SectionName}:MigrateOnStartup", true);

        var dataFolder = configuration[$"{DataOptions.SectionName}:Folder"];
        if (string.IsNullOrWhiteSpace(dataFolder))
        {
            dataFolder = new DataOptions().Folder;
        }
        dataFolder = Path.GetFullPath(dataFolder, contentRoot);

        var connectionString = configuration[ProductivityConnectionKey];
        if (database.Provider == DatabaseProvider.MySql)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new ConfigurationException(
                    $"{ProductivityConnectionKey} is required when Database:Provider is MySql.");
            }
            if (string.IsNullOrWhiteSpace(database.ServerVersion))
            {
                throw new ConfigurationException(
                    "Database:ServerVersion is required when Database:Provider is MySql (e.g. '10.11-mariadb' or '8.0.36-mysql').");
            }
            try
            {
                _ = Microsoft.EntityFrameworkCore.ServerVersion.Parse(database.ServerVersion);
            }
            catch (Exception ex) when (ex is FormatException or InvalidOperationException or ArgumentException)
            {
                throw new ConfigurationException(
                    $"Database:ServerVersion '{database.ServerVersion}' is not a MySQL/MariaDB version such as '10.11-mariadb'.");
            }
        }
        else if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = $"Data Source={Path.Combine(dataFolder, "productivity.db")}";
        }

        ValidateConnectionString(database.Provider, connectionString!);

        var redis = configuration[RedisConnectionKey];
        var zoneId = configuration[$"{SiteOptions.SectionName}:TimeZone"];
        if (string.IsNullOrWhiteSpace(zoneId))
        {
            zoneId = new SiteOptions().TimeZone;
        }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone))
        {
            throw new ConfigurationException($"Site:TimeZone '{zoneId}' is not a known IANA time zone (e.g. 'America/Chicago').");
        }

        var currency = configuration[CurrencyKey];
        if (string.IsNullOrWhiteSpace(currency))
        {
            currency = SiteOptions.DefaultCurrency;
        }
        if (!SiteOptions.IsKnownCurrency(currency))
        {
            throw new ConfigurationException($"{CurrencyKey} '{currency}' is not an ISO 4217 currency code such as 'USD' or 'EUR'.");
        }

        return new StartupSettings(database, dataFolder, connectionString!, string.IsNullOrWhiteSpace(redis) ? null : redis, zone,
            !string.IsNullOrWhiteSpace(configuration[ConnecteamApiKeyKey]),
            !string.IsNullOrWhiteSpace(configuration[PodFactoryConnectionKey]))
        {
            Currency = currency,
        };
    }

    private static void ValidateConnectionString(DatabaseProvider provider, string connectionString)
    {
        try
        {
            _ = provider == DatabaseProvider.MySql
                ? new MySqlConnector.MySqlConnectionStringBuilder(connectionString).ConnectionString
                : new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).ConnectionString;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            // The message of these exceptions names the bad keyword, never the password.
            throw new ConfigurationException($"{ProductivityConnectionKey} is not a valid {provider} connection string: {ex.Message}");
        }
    }

    public static bool ReadBool(IConfiguration configuration, string key, bool defaultValue)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return defaultValue;
        }
        return bool.TryParse(text, out var value)
            ? value
            : throw new ConfigurationException($"{key} must be true or false (got '{text}').");
    }
}
