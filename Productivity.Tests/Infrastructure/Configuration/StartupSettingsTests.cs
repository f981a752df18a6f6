using Microsoft.Extensions.Configuration;
using Productivity.Infrastructure.Configuration;

namespace Productivity.Tests.Infrastructure.Configuration;

public sealed class StartupSettingsTests
{
    [Fact]
    public void Read_NoConfiguration_UsesSqliteInTheDataFolder()
    {
        var settings = StartupSettings.Read(Config(), "/srv/app");

        settings.Database.Provider.ShouldBe(DatabaseProvider.Sqlite);
        settings.DataFolder.ShouldBe("/srv/app/data");
        settings.ConnectionString.ShouldBe("Data Source=/srv/app/data/productivity.db");
        settings.RedisConnectionString.ShouldBeNull();
        settings.SiteTimeZone.Id.ShouldBe("America/Chicago");
        settings.Database.MigrateOnStartup.ShouldBeTrue();
    }

    [Theory]
    [InlineData("Database:Provider", "Oracle", "Database:Provider")]
    [InlineData("Site:TimeZone", "Mars/Olympus", "Site:TimeZone")]
    [InlineData("Database:MigrateOnStartup", "sometimes", "Database:MigrateOnStartup")]
    public void Read_InvalidValue_NamesTheKey(string key, string value, string named)
    {
        var error = Should.Throw<ConfigurationException>(() => StartupSettings.Read(Config((key, value)), "/srv/app"));

        error.Message.ShouldStartWith(named);
        error.Message.ShouldContain(value);
    }

    [Fact]
    public void Read_MySqlWithoutConnectionString_NamesTheKey()
    {
        var error = Should.Throw<ConfigurationException>(() =>
            StartupSettings.Read(Config(("Database:Provider", "MySql"), ("Database:ServerVersion", "10.11-mariadb")), "/srv/app"));

        error.Message.ShouldContain("ConnectionStrings:Productivity");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-version")]
    public void Read_MySqlWithoutValidServerVersion_NamesTheKey(string? version)
    {
        var error = Should.Throw<ConfigurationException>(() => StartupSettings.Read(Config(
            ("Database:Provider", "MySql"), ("ConnectionStrings:Productivity", "Server=db"), ("Database:ServerVersion", version)), "/srv/app"));

        error.Message.ShouldContain("Database:ServerVersion");
    }

    [Theory]
    [InlineData("MySql", "Server=db;Bogus Keyword=1")]
    [InlineData("Sqlite", "Data Source=x.db;Nonsense=yes")]
    public void Read_MalformedConnectionString_NamesTheKey(string provider, string connectionString)
    {
        var error = Should.Throw<ConfigurationException>(() => StartupSettings.Read(Config(
            ("Database:Provider", provider), ("ConnectionStrings:Productivity", connectionString), ("Database:ServerVersion", "10.11-mariadb")), "/srv/app"));

        error.Message.ShouldStartWith("ConnectionStrings:Productivity is not a valid");
    }

    [Fact]
    public void Read_MySqlFullyConfigured_IsAccepted()
    {
        var settings = StartupSettings.Read(Config(
            ("Database:Provider", "mysql"), ("ConnectionStrings:Productivity", "Server=db"), ("Database:ServerVersion", "8.0.36-mysql"),
            ("ConnectionStrings:Redis", "redis:6379"), ("Site:TimeZone", "Europe/Berlin")), "/srv/app");

        settings.Database.Provider.ShouldBe(DatabaseProvider.MySql);
        settings.RedisConnectionString.ShouldBe("redis:6379");
        settings.SiteTimeZone.Id.ShouldBe("Europe/Berlin");
    }

    private static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
